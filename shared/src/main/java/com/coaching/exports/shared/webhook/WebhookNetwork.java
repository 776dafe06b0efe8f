package com.coaching.exports.shared.webhook;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Where webhooks may be sent (server-side request forgery): the API checks a URL's scheme when an
 * endpoint is registered, the worker checks it again and the addresses it resolves to at each send. Set
 * as {@code exports.webhooks.allow-*} ({@link WebhookProperties#network()}).
 *
 * @param allowHttp {@code http} URLs as well as {@code https} ones (local receivers)
 * @param allowPrivateNetworks loopback, private, link-local and metadata addresses too (local receivers)
 */
public record WebhookNetwork(boolean allowHttp, boolean allowPrivateNetworks) {

    /** The longest URL an endpoint may have. */
    public static final int MAX_URL_LENGTH = 2000;

    /** Why the URL may not receive webhooks, or empty when it may. */
    public Optional<String> refusal(String url) {
        if (url.length() > MAX_URL_LENGTH) {
            return Optional.of("must be at most " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            return Optional.of("must be an absolute https URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean schemeAllowed = scheme.equals("https") || (allowHttp && scheme.equals("http"));
        if (!uri.isAbsolute() || !schemeAllowed) {
            return Optional.of(allowHttp ? "must be an absolute http or https URL" : "must be an absolute https URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return Optional.of("must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry a user name or password");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("must not have a fragment");
        }
        return Optional.empty();
    }
}
