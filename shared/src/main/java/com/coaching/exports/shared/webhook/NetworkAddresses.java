package com.coaching.exports.shared.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * The addresses the service never connects to on a trainer's behalf (server-side request forgery):
 * webhooks and destinations alike. Link-local and cloud metadata addresses, and the IPv6 forms that
 * carry an IPv4 address a router may unwrap (IPv4-compatible, NAT64, 6to4, Teredo), are refused
 * always; loopback, private, shared, multicast and unspecified ones unless private networks are
 * allowed. An IPv4-mapped address is judged by the IPv4 address inside.
 */
public final class NetworkAddresses {

    /** Metadata services outside the link-local range: AWS's IPv6 one, Alibaba Cloud's, Oracle Cloud's. */
    private static final byte[][] METADATA = {
        address("fd00:ec2::254"), address("100.100.100.200"), address("192.0.0.192")
    };

    private NetworkAddresses() {}

    /** Why the service may not reach the address, or empty when it may. */
    public static Optional<String> refusal(InetAddress address, boolean allowPrivateNetworks) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address && isIpv4Mapped(bytes)) {
            return refusal(ipv4(bytes), allowPrivateNetworks);
        }
        Optional<String> always = refusedAlways(address, bytes);
        if (always.isPresent() || allowPrivateNetworks) {
            return always;
        }
        return refusedUnlessPrivateAllowed(address, bytes);
    }

    private static Optional<String> refusedAlways(InetAddress address, byte[] bytes) {
        for (byte[] metadata : METADATA) {
            if (Arrays.equals(bytes, metadata)) {
                return Optional.of("a cloud metadata address");
            }
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("a link-local address (cloud metadata among them)");
        }
        if (address instanceof Inet6Address) {
            if (startsWith(bytes, 12) && !address.isLoopbackAddress() && !address.isAnyLocalAddress()) {
                return Optional.of("an IPv4-compatible address");
            }
            if (startsWith(bytes, 12, 0x00, 0x64, 0xff, 0x9b)
                    || startsWith(bytes, 6, 0x00, 0x64, 0xff, 0x9b, 0x00, 0x01)) {
                return Optional.of("a NAT64 address");
            }
            if (startsWith(bytes, 2, 0x20, 0x02)) {
                return Optional.of("a 6to4 address");
            }
            if (startsWith(bytes, 4, 0x20, 0x01, 0x00, 0x00)) {
                return Optional.of("a Teredo address");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> refusedUnlessPrivateAllowed(InetAddress address, byte[] bytes) {
        if (address.isLoopbackAddress()) {
            return Optional.of("a loopback address");
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("an unspecified address");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("a private address");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("a multicast address");
        }
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            if (first == 0) {
                return Optional.of("an unspecified address");
            }
            if (first == 100 && second >= 64 && second < 128) {
                return Optional.of("a shared (carrier-grade NAT) address");
            }
            if (first == 192 && second == 0 && (bytes[2] & 0xff) == 0) {
                return Optional.of("a protocol assignment address");
            }
            if (first == 198 && (second == 18 || second == 19)) {
                return Optional.of("a benchmarking address");
            }
            if (first >= 240) {
                return Optional.of("a reserved address");
            }
        }
        if (address instanceof Inet6Address && (bytes[0] & 0xfe) == 0xfc) {
            return Optional.of("a private (unique local) address");
        }
        return Optional.empty();
    }

    /** {@code ::ffff:0:0/96}. */
    private static boolean isIpv4Mapped(byte[] bytes) {
        return bytes.length == 16 && startsWith(bytes, 10) && (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
    }

    private static InetAddress ipv4(byte[] mapped) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(mapped, 12, 16));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }

    /**
     * Whether the address's first {@code length} bytes are {@code prefix}, zeros where the prefix is
     * shorter than the length.
     */
    private static boolean startsWith(byte[] bytes, int length, int... prefix) {
        for (int i = 0; i < length; i++) {
            int expected = i < prefix.length ? prefix[i] : 0;
            if ((bytes[i] & 0xff) != expected) {
                return false;
            }
        }
        return true;
    }

    private static byte[] address(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a literal address resolves without a lookup", e);
        }
    }
}
