-- Columns in CSV order (see Dataset.SUBSCRIBERS). Rows: the trainer's subscriptions whose status is
-- one of the status parameter (every status when it is empty), newest first; served by index
-- trainee_subscriptions_export.
select s.id,
       trim(u.first_name || ' ' || u.last_name) as trainee_name,
       u.email,
       s.status,
       s.amount,
       s.currency,
       s.current_period_start,
       s.current_period_end,
       s.created_at,
       s.canceled_at
  from trainee_subscriptions s
  join users u on u.id = s.trainee_id
 where s.trainer_id = :trainerId
   and (cardinality(:status::text[]) = 0 or s.status = any(:status::text[]))
 order by s.created_at desc, s.id desc
