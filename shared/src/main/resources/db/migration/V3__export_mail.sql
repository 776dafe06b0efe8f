-- The mail outbox: one row per job whose trainer asked to be told (notify), written in the
-- transaction that finishes the job, so a job gets one mail however often its message arrives.
create table export_mail (
    job_id          uuid primary key references export_job (id) on delete cascade,
    outcome         text        not null,
    recipient       text        not null,
    created_at      timestamptz not null,
    next_attempt_at timestamptz not null,
    attempts        integer     not null default 0,
    sent_at         timestamptz,
    last_error      text,
    constraint export_mail_outcome_known check (outcome in ('SUCCEEDED', 'FAILED'))
);

create index export_mail_due on export_mail (next_attempt_at) where sent_at is null;

-- retention: succeeded jobs by age
create index export_job_succeeded_age on export_job (finished_at) where status = 'SUCCEEDED';
