-- When the rows of a succeeded job's file were read (issue 24): the start of the worker's snapshot
-- transaction, as the database that holds the rows tells it. Jobs that succeeded before stay null.
alter table export_job add column data_as_of timestamptz;
