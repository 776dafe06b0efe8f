-- Schedules cannot starve each other (issue 22): a firing that its trainer's active-job limit holds
-- back is recorded as skipped, and its schedule is not due again before retry_at (a minute later),
-- so the schedules behind it are reached in the same pass. The firing's time stays the scheduled
-- one (next_fire_at is not moved), so a days window still ends at it.
alter table export_schedule add column retry_at timestamptz;

-- A firing row is now either made (its job) or skipped (why, and no job yet); the made one replaces
-- the skipped one of the same firing time when a later try makes it.
alter table export_schedule_firing alter column job_id drop not null;
alter table export_schedule_firing add column skipped_reason text;
alter table export_schedule_firing add constraint export_schedule_firing_made_or_skipped
    check ((job_id is null) <> (skipped_reason is null));

-- due = the later of the firing time and the next try: the worker's claim reads this expression
drop index export_schedule_due;
create index export_schedule_due on export_schedule (greatest(next_fire_at, retry_at)) where not paused;
