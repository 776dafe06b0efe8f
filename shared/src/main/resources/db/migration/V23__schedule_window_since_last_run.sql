-- Only what changed (issue 24, part 4): a payments schedule whose window is sinceLastRun exports, at
-- each firing, the payments created since the end of the window its previous job was handed. The row
-- keeps that end (last_window_end, null before its first job), moved in the transaction that creates
-- the firing's job: a firing held back by the active-job limit leaves it, so the window stays open.
alter table export_schedule add column since_last_run boolean not null default false;
alter table export_schedule add column last_window_end timestamptz;
alter table export_schedule add constraint export_schedule_since_last_run_of_payments
    check (not since_last_run or (dataset = 'payments' and days is not null));
