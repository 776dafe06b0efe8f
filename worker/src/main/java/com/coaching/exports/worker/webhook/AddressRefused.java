package com.coaching.exports.worker.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A webhook host that resolves to an address webhooks may not reach (server-side request forgery).
 * An {@link UnknownHostException} because that is what the HTTP client's resolver may throw. Its
 * message, which the trainer sees, names the host but never the address: what an internal name
 * resolves to is not theirs to learn. The address and the reason are for the worker's log.
 */
class AddressRefused extends UnknownHostException {

    private static final long serialVersionUID = 1L;

    private final transient InetAddress address;
    private final String reason;

    AddressRefused(String host, InetAddress address, String reason) {
        super(host + " resolves to an address webhooks may not reach");
        this.address = address;
        this.reason = reason;
    }

    InetAddress address() {
        return address;
    }

    String reason() {
        return reason;
    }
}
