-- A job whose store or source database failed for a moment waits instead of failing (issue 22):
-- it goes back to QUEUED with a time before which no worker takes it (retry_at; the outbox entry
-- that publishes it again is due then too), remembers since when its dependency has been failing
-- (failing_since: past EXPORTS_WORKER_RETRY_FOR it fails with the dependency's code), and counts
-- its waits apart from its attempts, as a wait is no crash (ATTEMPTS_EXHAUSTED counts
-- attempts - waits).
alter table export_job add column retry_at timestamptz;
alter table export_job add column failing_since timestamptz;
alter table export_job add column waits integer not null default 0;
