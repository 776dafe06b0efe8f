-- A trainer's queued and running jobs, which every export creation counts against
-- EXPORTS_API_MAX_ACTIVE_JOBS (JobCreation). Without it the count read every job the trainer ever
-- had through export_job_trainer_newest: 1.6 ms per creation for a trainer with 13,000 jobs
-- (pg_stat_statements during ./bench/run), growing with the history; with it, the active ones only.
create index export_job_active_of_trainer on export_job (trainer_id) where status in ('QUEUED', 'RUNNING');
