-- An outbox entry is tried again with backoff (one entry the broker cannot take holds back no
-- other), and a job remembers when its message was last confirmed, so a QUEUED job whose message
-- was lost (dead-lettered after too many redeliveries, a broker that lost it) is published again.
alter table export_outbox add column next_attempt_at timestamptz;
update export_outbox set next_attempt_at = created_at;
alter table export_outbox alter column next_attempt_at set not null;
create index export_outbox_due on export_outbox (next_attempt_at);

alter table export_job add column published_at timestamptz;
update export_job set published_at = created_at where status = 'QUEUED';
