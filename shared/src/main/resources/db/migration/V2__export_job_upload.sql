-- The multipart upload a running job has open, so that whoever takes the job back (lease sweeper,
-- graceful shutdown) can abort it: one object per job, no orphaned parts.
alter table export_job add column upload_id text;
