-- A job's file options (issue 13): format, time zone, from/to, columns, CSV dialect, as the request
-- gave them (ExportOptions). Null for a job that asked for none, as every job before this did: its
-- file is contract section 6's CSV, in UTC, with every column.
alter table export_job add column options jsonb;
alter table export_job add constraint export_job_options_object
    check (options is null or jsonb_typeof(options) = 'object');
