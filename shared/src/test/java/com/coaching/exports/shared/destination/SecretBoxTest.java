package com.coaching.exports.shared.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.coaching.exports.shared.secret.DevSecrets;
import com.coaching.exports.shared.secret.UnsafeSettingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** Destinations' secrets sealed with AES-GCM, and the key api and worker refuse to start without. */
class SecretBoxTest {

    static final String KEY =
            Base64.getEncoder().encodeToString("an-operators-own-key-of-32-bytes".getBytes(StandardCharsets.US_ASCII));

    @Test
    void a_sealed_secret_opens_for_its_destination_only_and_never_shows_in_the_clear() {
        SecretBox box = new SecretBox(KEY);
        UUID id = UUID.randomUUID();

        byte[] sealed = box.seal(id, "{\"password\":\"hunter2\"}");

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("hunter2");
        assertThat(sealed).hasSize(SecretBox.NONCE_BYTES + "{\"password\":\"hunter2\"}".length() + 16);
        assertThat(box.open(id, sealed)).isEqualTo("{\"password\":\"hunter2\"}");
        assertThat(box.seal(id, "{\"password\":\"hunter2\"}"))
                .as("a fresh nonce each time")
                .isNotEqualTo(sealed);
        assertThatThrownBy(() -> box.open(UUID.randomUUID(), sealed))
                .as("moved to another destination's row")
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("hunter2");
        String otherKey = Base64.getEncoder().encodeToString(new byte[32]);
        assertThatThrownBy(() -> new SecretBox(otherKey).open(id, sealed)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void the_key_must_be_set_32_bytes_of_base64_and_not_one_from_the_repository() {
        assertThat(refusal(null)).contains("EXPORTS_DESTINATIONS_KEY", "is not set");
        assertThat(refusal(Base64.getEncoder().encodeToString(new byte[16]))).contains("exactly 32 bytes");
        assertThat(refusal("not base64 at all!")).contains("exactly 32 bytes");
        assertThat(refusal(DevSecrets.TEST_DESTINATIONS_KEY)).contains("appears in the exports repository");
        assertThat(refusal(KEY)).isNull();
        MockEnvironment allowed = new MockEnvironment()
                .withProperty(DestinationSettings.KEY_PROPERTY, DevSecrets.TEST_DESTINATIONS_KEY)
                .withProperty(DevSecrets.ALLOW, "true");
        new DestinationKeyCheck() {
            void run() {
                check(allowed);
            }
        }.run();
    }

    @Test
    void a_delivered_file_keeps_its_whole_extension_after_the_job_ids_first_8_characters() {
        UUID job = UUID.fromString("1a2b3c4d-0000-4000-8000-000000000000");

        assertThat(DeliveredNames.of("payments-2026-12-06.csv.gz", job))
                .isEqualTo("payments-2026-12-06-1a2b3c4d.csv.gz");
        assertThat(DeliveredNames.of("trainees-2026-12-06.xlsx", job)).isEqualTo("trainees-2026-12-06-1a2b3c4d.xlsx");
        assertThat(DeliveredNames.of("noextension", job)).isEqualTo("noextension-1a2b3c4d");
    }

    private static String refusal(String key) {
        MockEnvironment environment = new MockEnvironment();
        if (key != null) {
            environment.setProperty(DestinationSettings.KEY_PROPERTY, key);
        }
        try {
            new DestinationKeyCheck() {
                void run() {
                    check(environment);
                }
            }.run();
            return null;
        } catch (UnsafeSettingException e) {
            return e.getMessage();
        }
    }
}
