-- Destinations (issue 24, part 1): a trainer's own S3 bucket or SFTP server, where the worker delivers
-- a job's file once it is stored. settings holds what the API shows (never a secret); secrets holds the
-- credentials sealed with AES-GCM under EXPORTS_DESTINATIONS_KEY: a random 12-byte nonce, then the
-- ciphertext and its tag, the destination's id as associated data (SecretBox), so a dump shows no secret
-- and a sealed value copied to another row does not open.
create table export_destination (
    id          uuid primary key,
    trainer_id  bigint      not null,
    type        text        not null,
    name        text        not null,
    settings    jsonb       not null,
    secrets     bytea       not null,
    created_at  timestamptz not null,
    constraint export_destination_type_known check (type in ('s3', 'sftp')),
    constraint export_destination_settings_object check (jsonb_typeof(settings) = 'object')
);

-- the trainer's destinations, oldest first (and their count, for the limit)
create index export_destination_trainer on export_destination (trainer_id, created_at, id);

-- The delivery outbox: one row per job that names a destination, written by the statement that moves
-- the job to SUCCEEDED (MoveStatement), worked by the workers' DeliveryDispatcher on the outbox engine.
-- next_attempt_at is also the lease of a claimed delivery. destination_id has no foreign key: a
-- delivered or failed row keeps naming the destination after it was deleted (the job JSON shows it).
create table export_delivery (
    job_id          uuid primary key references export_job (id) on delete cascade,
    destination_id  uuid        not null,
    trainer_id      bigint      not null,
    status          text        not null default 'PENDING',
    location        text,
    created_at      timestamptz not null,
    next_attempt_at timestamptz not null,
    attempts        integer     not null default 0,
    finished_at     timestamptz,
    -- the last failure: while PENDING the one before the next try, once FAILED the one that ended it
    error_code      text,
    error_message   text,
    constraint export_delivery_status_known check (status in ('PENDING', 'DELIVERED', 'FAILED'))
);

create index export_delivery_due on export_delivery (next_attempt_at) where status = 'PENDING';
-- a destination with pending deliveries cannot be deleted
create index export_delivery_pending_destination on export_delivery (destination_id) where status = 'PENDING';
