-- Lanes: a job estimated to be large goes to the bulk lane, so small exports never wait behind it.
-- Compression: an optional gzip of the CSV file.
alter table export_job add column lane text not null default 'standard';
alter table export_job add column compression text;
alter table export_job add constraint export_job_lane_known check (lane in ('standard', 'bulk'));
alter table export_job add constraint export_job_compression_known check (compression is null or compression = 'gzip');
