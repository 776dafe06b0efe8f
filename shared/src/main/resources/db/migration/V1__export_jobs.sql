-- The service's own tables: export jobs and the outbox of their "export requested" messages.

create table export_job (
    id               uuid primary key,
    trainer_id       bigint      not null,
    dataset          text        not null,
    days             integer,
    notify           boolean     not null default false,
    status           text        not null,
    created_at       timestamptz not null,
    started_at       timestamptz,
    finished_at      timestamptz,
    rows_written     bigint      not null default 0,
    estimated_rows   bigint,
    cancel_requested boolean     not null default false,
    worker_id        text,
    heartbeat_at     timestamptz,
    attempts         integer     not null default 0,
    file_name        text,
    object_key       text,
    row_count        bigint,
    size_bytes       bigint,
    sha256           text,
    content_type     text,
    error_code       text,
    error_message    text,
    idempotency_key  text,
    request_hash     text,
    constraint export_job_status_known
        check (status in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'EXPIRED')),
    constraint export_job_dataset_known
        check (dataset in ('payments', 'subscribers', 'trainees')),
    constraint export_job_days_in_range
        check (days is null or days between 1 and 365)
);

-- the caller's jobs, newest first
create index export_job_trainer_newest on export_job (trainer_id, created_at desc, id desc);
-- active jobs (per-trainer limits, lease sweeps)
create index export_job_active on export_job (status, heartbeat_at) where status in ('QUEUED', 'RUNNING');
create unique index export_job_idempotency on export_job (trainer_id, idempotency_key)
    where idempotency_key is not null;

-- Written in the same transaction as the job; deleted once the broker confirmed the message.
create table export_outbox (
    job_id     uuid primary key references export_job (id) on delete cascade,
    created_at timestamptz not null,
    attempts   integer     not null default 0,
    last_error text
);
