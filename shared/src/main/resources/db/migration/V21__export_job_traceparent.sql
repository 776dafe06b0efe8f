-- The W3C traceparent of the request that made the job (null when tracing was off): a publish after
-- the request (the outbox sweeper's, a requeue's) and the worker's spans continue that trace, and the
-- job JSON shows its trace id.
alter table export_job add column traceparent text;
