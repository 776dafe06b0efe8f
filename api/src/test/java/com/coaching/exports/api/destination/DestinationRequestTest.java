package com.coaching.exports.api.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.coaching.exports.api.web.ApiException;
import com.coaching.exports.api.web.FieldProblem;
import com.coaching.exports.shared.destination.Destination;
import com.coaching.exports.shared.destination.DestinationNetwork;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Hosts and endpoints on private networks are refused at registration unless they are allowed. */
class DestinationRequestTest {

    static final String FINGERPRINT = "SHA256:" + "A".repeat(43);

    static DestinationRequest sftp(String host) {
        return new DestinationRequest(
                "sftp", "x", null, null, null, null, null, null, null, host, 22, "u", "p", null, FINGERPRINT, "/up");
    }

    static DestinationRequest s3(String endpoint) {
        return new DestinationRequest(
                "s3",
                "x",
                endpoint,
                "eu-central-1",
                "bucket",
                null,
                true,
                "a",
                "s",
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    @Test
    void a_host_or_endpoint_on_a_private_network_is_a_400_naming_it() {
        DestinationNetwork guarded = new DestinationNetwork(false);

        assertThatThrownBy(() -> sftp("127.0.0.1").validate(guarded, UUID.randomUUID(), 1, Instant.now()))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldProblem::field, FieldProblem::message)
                                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                                        "host",
                                        "resolves to an address destinations may not reach (a private network)")));
        assertThatThrownBy(() -> s3("http://10.1.2.3:9000").validate(guarded, UUID.randomUUID(), 1, Instant.now()))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldProblem::field)
                                .containsExactly("endpoint"));
        assertThatThrownBy(() -> s3("http://169.254.169.254")
                        .validate(new DestinationNetwork(true), UUID.randomUUID(), 1, Instant.now()))
                .as("metadata addresses stay refused when private networks are allowed")
                .isInstanceOf(ApiException.class);
    }

    @Test
    void allowed_private_networks_let_a_local_server_be_registered() {
        Destination destination =
                sftp("127.0.0.1").validate(new DestinationNetwork(true), UUID.randomUUID(), 1, Instant.now());

        assertThat(destination).isInstanceOf(Destination.Sftp.class);
    }
}
