-- Columns in CSV order (see Dataset.PAYMENTS). Rows: the trainer's payments created in the window
-- (fixed when the job was created, so a retry exports the same rows) whose status is one of the status parameter
-- (every status when it is empty), newest first; served by index trainee_payments_export.
select p.id,
       p.created_at,
       p.paid_at,
       trim(u.first_name || ' ' || u.last_name) as trainee_name,
       u.email,
       p.payment_type,
       p.status,
       p.amount,
       p.currency,
       p.description
  from trainee_payments p
  join users u on u.id = p.trainee_id
 where p.trainer_id = :trainerId
   and p.created_at >= :since
   and p.created_at <= :until
   and (cardinality(:status::text[]) = 0 or p.status = any(:status::text[]))
 order by p.created_at desc, p.id desc
