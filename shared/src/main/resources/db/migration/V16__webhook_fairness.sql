-- Webhook fairness (issue 22). A claimed delivery's lease is kept apart from its next try, so the
-- claim can tell an event in flight (leased_until still ahead) from one waiting for its retry, and
-- send at most EXPORTS_WEBHOOKS_MAX_IN_FLIGHT_PER_ENDPOINT of one endpoint at once, across workers.
alter table export_webhook_delivery add column leased_until timestamptz;

-- The claim ranks each endpoint's due events, oldest first, and looks up the endpoints in flight.
create index export_webhook_delivery_owed on export_webhook_delivery (webhook_id, next_attempt_at)
    where delivered_at is null and abandoned_at is null;

-- The test events of the last minute, counted per endpoint (at most 10 a minute).
create index export_webhook_delivery_test on export_webhook_delivery (webhook_id, created_at)
    where event_type = 'webhook.test';

-- A failure streak ends when the endpoint owes nothing more (its last event given up): a streak that
-- ended long ago must not disable the endpoint at its next failure.
update export_webhook w set failing_since = null
 where failing_since is not null
   and not exists (select 1 from export_webhook_delivery d
                    where d.webhook_id = w.id and d.delivered_at is null and d.abandoned_at is null);
