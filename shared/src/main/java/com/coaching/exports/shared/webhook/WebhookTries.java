package com.coaching.exports.shared.webhook;

/** The tries of a webhook endpoint: the worker keeps the last {@value #KEPT}, the API shows them. */
public final class WebhookTries {

    /** How many tries of an endpoint are kept (README, docs/api.md and architecture.md say so; a test checks). */
    public static final int KEPT = 100;

    private WebhookTries() {}
}
