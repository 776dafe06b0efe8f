package com.coaching.exports.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which addresses a webhook may reach when private networks are not allowed. */
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
                "169.254.169.254", // the cloud metadata service
                "100.100.100.200", // a metadata service in the shared range
                "fe80::1",
                "fd00:ec2::254",
                "::ffff:127.0.0.1",
                "224.0.0.1"
            })
    void loopback_private_link_local_and_metadata_addresses_are_refused(String address) throws Exception {
        assertThat(GuardedDns.refusal(InetAddress.getByName(address))).isPresent();
        assertThatThrownBy(() -> new GuardedDns(false).resolve(address)).isInstanceOf(AddressRefused.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"})
    void public_addresses_are_allowed(String address) throws Exception {
        assertThat(GuardedDns.refusal(InetAddress.getByName(address))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "169.254.169.254"})
    void everything_is_allowed_where_private_networks_are(String address) throws Exception {
        assertThat(new GuardedDns(true).resolve(address)).containsExactly(InetAddress.getByName(address));
    }
}
