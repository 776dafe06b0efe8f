-- Delivered and given-up webhook events, oldest first, for the worker that forgets them once they are
-- older than EXPORTS_WEBHOOKS_KEEP_FINISHED (FinishedDeliveries): the tries a trainer sees are kept
-- apart (export_webhook_attempt), so a finished row serves nobody after that.
create index export_webhook_delivery_finished on export_webhook_delivery (coalesce(delivered_at, abandoned_at))
    where delivered_at is not null or abandoned_at is not null;
