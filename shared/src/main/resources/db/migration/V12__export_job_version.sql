-- A job's version: 1 at its creation, one more at every move (JobTransitions) and every progress
-- write (the worker's Leases), so it grows whenever the job's JSON does. The event stream
-- (GET /api/v1/exports/{id}/events) uses it as each event's id, so Last-Event-ID resumes without
-- repeats. Jobs that exist already start at 1.
alter table export_job add column version bigint not null default 1;
