-- Columns in CSV order (see Dataset.TRAINEES). Rows: the trainer's trainees by id.
-- Program names sort by code point (collate "C") so the cell is the same on every database.
select u.id,
       u.first_name,
       u.last_name,
       u.email,
       u.is_active,
       u.date_joined,
       tp.fitness_goal,
       tp.activity_level,
       (select string_agg(p.name, '; ' order by p.name collate "C")
          from programs p
         where p.trainee_id = u.id and p.is_active) as active_programs,
       (select max(d.date) from daily_logs d where d.trainee_id = u.id) as last_log_date
  from users u
  left join trainee_profiles tp on tp.user_id = u.id
 where u.role = 'TRAINEE'
   and u.parent_trainer_id = :trainerId
 order by u.id
