-- Webhooks: a trainer's endpoints, the deliveries owed to them and the attempts made.
-- The secret is stored as given to the trainer (whsec_…): the worker needs it to sign, so it cannot be a hash.
create table export_webhook (
    id                 uuid primary key,
    trainer_id         bigint      not null,
    url                text        not null,
    events             text[]      not null,
    secret             text        not null,
    created_at         timestamptz not null,
    -- the first failure since the last success; a delivery failing while this is older than the
    -- disable window (3 days) disables the endpoint
    failing_since      timestamptz,
    disabled_at        timestamptz,
    -- when the trainer was told by mail that the endpoint was disabled
    disabled_mailed_at timestamptz
);

create index export_webhook_trainer on export_webhook (trainer_id, created_at);

-- The webhook outbox: one row per event and endpoint, written in the statement that moves the job
-- (JobTransitions). Its id is the webhook-id header, the same on every try. next_attempt_at is also
-- the lease of a claimed delivery: a worker that dies sending it leaves it to another after the lease.
create table export_webhook_delivery (
    id              uuid primary key,
    webhook_id      uuid        not null references export_webhook (id) on delete cascade,
    job_id          uuid references export_job (id) on delete cascade,
    event_type      text        not null,
    created_at      timestamptz not null,
    next_attempt_at timestamptz not null,
    attempts        integer     not null default 0,
    delivered_at    timestamptz,
    -- no more tries: the schedule ran out or the endpoint was disabled
    abandoned_at    timestamptz
);

create index export_webhook_delivery_due on export_webhook_delivery (next_attempt_at)
    where delivered_at is null and abandoned_at is null;
create index export_webhook_delivery_job on export_webhook_delivery (job_id);

-- Every try, for GET /api/v1/webhooks/{id}/deliveries (the last 100 per endpoint are kept).
create table export_webhook_attempt (
    id           bigint generated always as identity primary key,
    webhook_id   uuid        not null references export_webhook (id) on delete cascade,
    delivery_id  uuid        not null,
    event_type   text        not null,
    at           timestamptz not null,
    status_code  integer,
    error        text,
    duration_ms  bigint      not null
);

create index export_webhook_attempt_webhook on export_webhook_attempt (webhook_id, id);
