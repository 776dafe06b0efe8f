package com.coaching.exports.worker.webhook;

import java.net.UnknownHostException;

/**
 * A webhook host that resolves to an address webhooks may not reach (server-side request forgery).
 * An {@link UnknownHostException} because that is what the HTTP client's resolver may throw.
 */
class AddressRefused extends UnknownHostException {

    private static final long serialVersionUID = 1L;

    AddressRefused(String message) {
        super(message);
    }
}
