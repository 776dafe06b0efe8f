package com.coaching.exports.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which addresses a webhook may reach, judged on what a resolver the test controls answers for a
 * name: the addresses a DNS server of the endpoint's owner could hand out.
 */
class GuardedDnsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "::1",
                "0.0.0.0",
                "10.1.2.3",
                "172.16.0.1",
                "192.168.1.1",
                "100.64.0.1",
                "fc00::1",
                "224.0.0.1",
                "::ffff:127.0.0.1",
                "::ffff:10.1.2.3"
            })
    void loopback_private_and_multicast_addresses_are_refused_unless_private_networks_are_allowed(String address)
            throws Exception {
        assertThatThrownBy(() -> guarded(false, address).resolve("hooks.example.com"))
                .isInstanceOf(AddressRefused.class);
        assertThat(guarded(true, address).resolve("hooks.example.com")).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "169.254.169.254", // the metadata service of AWS, Azure, Google Cloud, Oracle Cloud
                "169.254.1.1",
                "fe80::1",
                "fd00:ec2::254", // AWS's metadata service over IPv6
                "100.100.100.200", // Alibaba Cloud's
                "192.0.0.192", // Oracle Cloud's
                "::ffff:169.254.169.254",
                "::169.254.169.254", // IPv4-compatible
                "::8.8.8.8",
                "64:ff9b::a9fe:a9fe", // NAT64 of 169.254.169.254
                "64:ff9b::808:808",
                "64:ff9b:1::a9fe:a9fe",
                "2002:a9fe:a9fe::1", // 6to4
                "2001:0:4136:e378:8000:63bf:3fff:fdd2" // Teredo
            })
    void link_local_metadata_and_ipv4_carrying_addresses_are_refused_even_where_private_networks_are_allowed(
            String address) throws Exception {
        assertThatThrownBy(() -> guarded(true, address).resolve("hooks.example.com"))
                .isInstanceOf(AddressRefused.class);
        assertThatThrownBy(() -> guarded(false, address).resolve("hooks.example.com"))
                .isInstanceOf(AddressRefused.class);
    }

    @Test
    void an_ipv4_mapped_answer_is_judged_by_the_ipv4_address_inside() throws Exception {
        // as a resolver may hand it over: an IPv6 address, not converted to IPv4 as InetAddress.getByName does
        InetAddress mappedMetadata = mapped(169, 254, 169, 254);
        InetAddress mappedLoopback = mapped(127, 0, 0, 1);
        InetAddress mappedPublic = mapped(93, 184, 216, 34);

        assertThat(GuardedDns.refusal(mappedMetadata, true))
                .contains("a link-local address (cloud metadata among them)");
        assertThat(GuardedDns.refusal(mappedLoopback, true)).isEmpty();
        assertThat(GuardedDns.refusal(mappedLoopback, false)).contains("a loopback address");
        assertThat(GuardedDns.refusal(mappedPublic, false)).isEmpty();
    }

    @Test
    void one_refused_address_among_the_answers_refuses_the_name_and_the_message_does_not_show_it() {
        DnsResolver answers = resolver("93.184.216.34", "169.254.169.254");

        assertThatThrownBy(() -> new GuardedDns(true, answers).resolve("rebind.example.com"))
                .isInstanceOf(AddressRefused.class)
                .hasMessage("rebind.example.com resolves to an address webhooks may not reach")
                .message()
                .doesNotContain("169.254");
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "2a00:1450:4001:80b::200e"})
    void public_addresses_are_allowed(String address) throws Exception {
        assertThat(guarded(false, address).resolve("hooks.example.com"))
                .containsExactly(InetAddress.getByName(address));
    }

    private static GuardedDns guarded(boolean allowPrivateNetworks, String address) {
        return new GuardedDns(allowPrivateNetworks, resolver(address));
    }

    /** A DNS that answers every name with these addresses. */
    private static DnsResolver resolver(String... addresses) {
        return new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                InetAddress[] answer = new InetAddress[addresses.length];
                for (int i = 0; i < addresses.length; i++) {
                    answer[i] = InetAddress.getByName(addresses[i]);
                }
                return answer;
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
    }

    private static InetAddress mapped(int a, int b, int c, int d) throws UnknownHostException {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        bytes[12] = (byte) a;
        bytes[13] = (byte) b;
        bytes[14] = (byte) c;
        bytes[15] = (byte) d;
        return Inet6Address.getByAddress(null, bytes, -1);
    }
}
