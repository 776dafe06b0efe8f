-- A job's short state history: one row per move, written in the same statement as the move
-- (JobTransitions), so a move and its row exist together or not at all. from_status is null for the
-- job's creation; by names who moved it (trainer, a worker's id, lease-sweeper, retention); reason is
-- short (an error code, "lease expired"). The rows go with their job.
create table export_job_event (
    id          bigint generated always as identity primary key,
    job_id      uuid        not null references export_job (id) on delete cascade,
    from_status text,
    to_status   text        not null,
    at          timestamptz not null,
    by          text        not null,
    reason      text
);

create index export_job_event_job on export_job_event (job_id, id);
