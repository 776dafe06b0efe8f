-- The audit trail of download links handed out (docs/architecture.md, "Who was handed a file").
-- A link issued is a history row of its job (export_job_event: from and to both the job's state,
-- reason 'link issued', by trainer / emailed link / webhook link) with the client's address, null
-- where there is no client (a webhook's link).
alter table export_job_event add column address text;

-- How many links were issued, a row per UTC day, trainer, dataset, job and kind (by), upserted in
-- the same statement as the history row. No foreign key: the counts outlive the job (and its
-- history); the worker's housekeeping removes the rows older than 90 days.
create table export_link_count (
    day        date    not null,
    trainer_id bigint  not null,
    dataset    text    not null,
    job_id     uuid    not null,
    by         text    not null,
    links      integer not null,
    primary key (trainer_id, day, dataset, job_id, by)
);

create index export_link_count_day on export_link_count (day);
