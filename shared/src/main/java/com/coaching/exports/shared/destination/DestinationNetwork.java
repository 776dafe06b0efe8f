package com.coaching.exports.shared.destination;

import com.coaching.exports.shared.webhook.NetworkAddresses;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * Where destinations may be reached, by the webhooks' rules ({@link NetworkAddresses}): checked when a
 * destination is registered and again at each connection, on the addresses the connection then uses,
 * since a name may resolve elsewhere later. The S3 clients resolve through it; SFTP connects to the
 * address it returns.
 */
public final class DestinationNetwork implements DnsResolver {

    private final boolean allowPrivateNetworks;

    public DestinationNetwork(boolean allowPrivateNetworks) {
        this.allowPrivateNetworks = allowPrivateNetworks;
    }

    /**
     * The host's addresses, every one allowed.
     *
     * @throws DeliveryFailure {@link DeliveryFailure#ADDRESS_REFUSED} or {@link DeliveryFailure#UNREACHABLE}
     */
    public InetAddress[] addresses(String host) {
        InetAddress[] addresses;
        try {
            addresses = SystemDefaultDnsResolver.INSTANCE.resolve(host);
        } catch (UnknownHostException e) {
            throw new DeliveryFailure(DeliveryFailure.UNREACHABLE, host + " could not be resolved");
        }
        for (InetAddress address : addresses) {
            if (NetworkAddresses.refusal(address, allowPrivateNetworks).isPresent()) {
                // the address stays out of the message: what an internal name resolves to is not the trainer's to learn
                throw new DeliveryFailure(
                        DeliveryFailure.ADDRESS_REFUSED, host + " resolves to an address destinations may not reach");
            }
        }
        return addresses;
    }

    /** Why the host may not be registered, or empty when it may. */
    public Optional<String> refusal(String host) {
        try {
            addresses(host);
            return Optional.empty();
        } catch (DeliveryFailure e) {
            return Optional.of(
                    e.code().equals(DeliveryFailure.UNREACHABLE)
                            ? "could not be resolved"
                            : "resolves to an address destinations may not reach (a private network)");
        }
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        try {
            return addresses(host);
        } catch (DeliveryFailure e) {
            throw new Refused(e);
        }
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
    }

    /** The refusal as the HTTP client's resolver may throw it; {@link #failure()} is what it was. */
    static final class Refused extends UnknownHostException {

        private static final long serialVersionUID = 1L;

        private final DeliveryFailure failure;

        Refused(DeliveryFailure failure) {
            super(failure.getMessage());
            this.failure = failure;
        }

        DeliveryFailure failure() {
            return failure;
        }
    }
}
