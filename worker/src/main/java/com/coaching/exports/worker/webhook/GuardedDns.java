package com.coaching.exports.worker.webhook;

import com.coaching.exports.shared.webhook.NetworkAddresses;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * Resolves a webhook's host at send time and refuses it when any of its addresses is one webhooks
 * may not reach ({@link NetworkAddresses}: the rules destinations apply too). The HTTP client connects
 * to exactly the addresses returned here, so a name that resolves differently a moment later cannot
 * slip past (DNS rebinding).
 */
final class GuardedDns implements DnsResolver {

    private final boolean allowPrivateNetworks;
    private final DnsResolver resolver;

    GuardedDns(boolean allowPrivateNetworks) {
        this(allowPrivateNetworks, SystemDefaultDnsResolver.INSTANCE);
    }

    /** Guards the answers of {@code resolver} (tests give one whose answers they choose). */
    GuardedDns(boolean allowPrivateNetworks, DnsResolver resolver) {
        this.allowPrivateNetworks = allowPrivateNetworks;
        this.resolver = resolver;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = resolver.resolve(host);
        for (InetAddress address : addresses) {
            Optional<String> why = refusal(address, allowPrivateNetworks);
            if (why.isPresent()) {
                throw new AddressRefused(host, address, why.get());
            }
        }
        return addresses;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return resolver.resolveCanonicalHostname(host);
    }

    /** Why webhooks may not reach the address, or empty when they may ({@link NetworkAddresses}). */
    static Optional<String> refusal(InetAddress address, boolean allowPrivateNetworks) {
        return NetworkAddresses.refusal(address, allowPrivateNetworks);
    }
}
