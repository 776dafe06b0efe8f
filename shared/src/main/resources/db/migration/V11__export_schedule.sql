-- Exports on a schedule (issue 14, part 3): a trainer's validated export request, a 5-field Unix
-- cron read in a time zone, and the next firing. The worker fires due schedules.
create table export_schedule (
    id           uuid primary key,
    trainer_id   bigint      not null,
    dataset      text        not null,
    days         integer,
    notify       boolean     not null default false,
    compression  text,
    options      jsonb,
    cron         text        not null,
    timezone     text        not null,
    paused       boolean     not null default false,
    next_fire_at timestamptz not null,
    created_at   timestamptz not null,
    last_fired_at timestamptz,
    last_job_id  uuid,
    constraint export_schedule_dataset_known check (dataset in ('payments', 'subscribers', 'trainees')),
    constraint export_schedule_days_in_range check (days is null or days between 1 and 365),
    constraint export_schedule_options_object check (options is null or jsonb_typeof(options) = 'object')
);

-- the trainer's schedules, oldest first (and their count, for the limit)
create index export_schedule_trainer on export_schedule (trainer_id, created_at, id);
-- the due ones, for the worker's periodic claim
create index export_schedule_due on export_schedule (next_fire_at) where not paused;

-- One row per firing that made its job: the key that makes a second job for the same schedule and
-- firing time impossible, across workers and restarts. The job may be deleted later; its firing stays.
create table export_schedule_firing (
    schedule_id uuid        not null references export_schedule (id) on delete cascade,
    fire_at     timestamptz not null,
    job_id      uuid        not null,
    created_at  timestamptz not null,
    primary key (schedule_id, fire_at)
);
