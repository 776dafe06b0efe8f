-- The coaching platform's tables that exports read (contract section 5), with the indexes the
-- export queries need. Production owns these tables: switch this location off there
-- (spring.flyway.locations=classpath:db/migration) and have the platform create the indexes.

create table users (
    id                bigserial primary key,
    email             text        not null unique,
    first_name        text        not null,
    last_name         text        not null,
    role              text        not null,
    parent_trainer_id bigint references users,
    is_active         boolean     not null,
    date_joined       timestamptz not null
);

create table trainee_profiles (
    user_id        bigint primary key references users,
    fitness_goal   text,
    activity_level text
);

create table programs (
    id         bigserial primary key,
    trainee_id bigint  not null references users,
    name       text    not null,
    is_active  boolean not null,
    start_date date,
    end_date   date
);

create table daily_logs (
    id         bigserial primary key,
    trainee_id bigint not null references users,
    date       date   not null
);

create table trainee_payments (
    id           bigserial primary key,
    trainer_id   bigint         not null references users,
    trainee_id   bigint         not null references users,
    amount       numeric(10, 2) not null,
    currency     text           not null,
    status       text           not null,
    payment_type text           not null,
    description  text           not null,
    created_at   timestamptz    not null,
    paid_at      timestamptz
);

create table trainee_subscriptions (
    id                   bigserial primary key,
    trainer_id           bigint         not null references users,
    trainee_id           bigint         not null references users,
    amount               numeric(10, 2) not null,
    currency             text           not null,
    status               text           not null,
    current_period_start timestamptz,
    current_period_end   timestamptz,
    created_at           timestamptz    not null,
    canceled_at          timestamptz
);

-- payments export: one trainer, a created_at window, newest first
create index trainee_payments_export on trainee_payments (trainer_id, created_at desc, id desc);
-- subscribers export: one trainer, newest first
create index trainee_subscriptions_export on trainee_subscriptions (trainer_id, created_at desc, id desc);
-- trainees export: one trainer's trainees by id
create index users_trainees_of_trainer on users (parent_trainer_id, id) where role = 'TRAINEE';
create index programs_active_of_trainee on programs (trainee_id) where is_active;
create index daily_logs_latest_of_trainee on daily_logs (trainee_id, date desc);
