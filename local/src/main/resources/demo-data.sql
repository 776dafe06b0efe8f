-- The demo data (README, "The two commands"): user 1 is a TRAINER with trainees, payments over the last
-- 400 days, subscriptions, programs and daily logs. Run once, when user 1 does not exist yet.
insert into users (id, email, first_name, last_name, role, parent_trainer_id, is_active, date_joined)
values (1, 'demo-trainer@example.com', 'Dana', 'Demo', 'TRAINER', null, true, now() - interval '800 days');

insert into users (id, email, first_name, last_name, role, parent_trainer_id, is_active, date_joined)
select 1 + n,
       'trainee' || n || '@example.com',
       (array['Anna', 'Ben', 'Chloé', 'Dmitri', 'Eva', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas'])[1 + n % 10],
       (array['Müller', 'Smith', 'O''Brien', 'Nakamura', 'García', 'Kowalski', 'Dubois', 'Rossi'])[1 + n % 8],
       'TRAINEE', 1, n % 7 <> 0, now() - (n || ' days')::interval
  from generate_series(1, 60) as n;

select setval('users_id_seq', (select max(id) from users));

insert into trainee_profiles (user_id, fitness_goal, activity_level)
select id,
       (array['Lose weight', 'Build muscle', 'Run a marathon', null])[1 + id % 4],
       (array['low', 'moderate', 'high'])[1 + id % 3]
  from users where parent_trainer_id = 1;

insert into programs (trainee_id, name, is_active, start_date, end_date)
select u.id, p.name, (u.id + p.k) % 3 <> 0, current_date - 90, null
  from users u
 cross join (values (1, 'Strength basics'), (2, 'Mobility'), (3, 'Cardio base')) as p(k, name)
 where u.parent_trainer_id = 1;

insert into daily_logs (trainee_id, date)
select u.id, current_date - d
  from users u
 cross join generate_series(0, 60, 3) as d
 where u.parent_trainer_id = 1 and u.id % 5 <> 0;

insert into trainee_payments (trainer_id, trainee_id, amount, currency, status, payment_type, description,
                              created_at, paid_at)
select 1,
       2 + n % 60,
       case when n % 25 = 0 then -49.00 else 49.00 + (n % 4) * 10 end,
       'EUR',
       (array['succeeded', 'succeeded', 'succeeded', 'pending', 'failed'])[1 + n % 5],
       case when n % 25 = 0 then 'refund' else 'subscription' end,
       'Monthly coaching, session ' || n,
       now() - (n * 400.0 / 4000 || ' days')::interval,
       case when n % 5 in (3, 4) then null else now() - (n * 400.0 / 4000 || ' days')::interval end
  from generate_series(1, 4000) as n;

insert into trainee_subscriptions (trainer_id, trainee_id, amount, currency, status, current_period_start,
                                   current_period_end, created_at, canceled_at)
select 1,
       u.id,
       59.00,
       'EUR',
       case when u.id % 6 = 0 then 'canceled' else 'active' end,
       date_trunc('month', now()),
       date_trunc('month', now()) + interval '1 month',
       u.date_joined,
       case when u.id % 6 = 0 then now() - interval '10 days' end
  from users u where u.parent_trainer_id = 1;
