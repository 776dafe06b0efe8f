package com.coaching.exports.shared.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

class SecretSettingsTest {

    static final String PROPERTY = "exports.links.secret";
    static final String VARIABLE = "EXPORTS_LINKS_SECRET";

    @Test
    void a_missing_or_blank_secret_is_refused_naming_the_variable() {
        for (MockEnvironment environment :
                new MockEnvironment[] {new MockEnvironment(), new MockEnvironment().withProperty(PROPERTY, "  ")}) {
            assertThatThrownBy(() -> SecretSettings.require(environment, PROPERTY, VARIABLE))
                    .isInstanceOf(UnsafeSettingException.class)
                    .hasMessage("EXPORTS_LINKS_SECRET (exports.links.secret) is not set.");
        }
    }

    @Test
    void a_secret_under_32_bytes_is_refused() {
        var environment = new MockEnvironment().withProperty(PROPERTY, "x".repeat(31));

        assertThatThrownBy(() -> SecretSettings.require(environment, PROPERTY, VARIABLE))
                .hasMessageContaining("EXPORTS_LINKS_SECRET")
                .hasMessageContaining("shorter than 32 bytes");
    }

    @Test
    void every_secret_of_the_repository_is_refused_unless_dev_secrets_are_allowed() {
        for (String secret : DevSecrets.ALL) {
            var environment = new MockEnvironment().withProperty(PROPERTY, secret);
            assertThatThrownBy(() -> SecretSettings.require(environment, PROPERTY, VARIABLE))
                    .hasMessageContaining("appears in the exports repository");

            SecretSettings.require(environment.withProperty(DevSecrets.ALLOW, "true"), PROPERTY, VARIABLE);
        }
    }

    @Test
    void a_secret_of_its_own_of_32_bytes_passes() {
        SecretSettings.require(new MockEnvironment().withProperty(PROPERTY, "y".repeat(32)), PROPERTY, VARIABLE);
    }

    @Test
    void the_failure_analysis_is_one_line_naming_the_variable_and_what_to_do() {
        var refusal = new UnsafeSettingException(VARIABLE, "(exports.links.secret) is not set.", "Set it.");

        FailureAnalysis analysis = new UnsafeSettingFailureAnalyzer().analyze(new IllegalStateException(refusal));

        assertThat(analysis.getDescription())
                .isEqualTo("Refusing to start: EXPORTS_LINKS_SECRET (exports.links.secret) is not set.");
        assertThat(analysis.getAction()).isEqualTo("Set it.");
    }
}
