package com.coaching.exports.api.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.coaching.exports.shared.secret.UnsafeSettingException;
import com.coaching.exports.testkit.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.mock.env.MockEnvironment;

/** The API refuses to start with a user-claim, required-claims or role-source setting it cannot read, naming it. */
class PlatformTokenSettingsTest {

    @Test
    void the_defaults_and_the_platforms_settings_start() {
        new TokenSettingsCheck().check(environment());
        new TokenSettingsCheck()
                .check(environment()
                        .withProperty("exports.jwt.user-claim", "user_id")
                        .withProperty("exports.jwt.required-claims", "token_type=access")
                        .withProperty("exports.jwt.role-source", "database")
                        .withProperty("exports.jwt.role-query-timeout", "2s"));
        new TokenSettingsCheck()
                .check(environment()
                        .withProperty("exports.jwt.required-claims", " token_type = access , ver=2 ")
                        .withProperty("exports.jwt.role-source", "CLAIM"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "exports.jwt.user-claim|''|EXPORTS_JWT_USER_CLAIM",
                "exports.jwt.user-claim|user id|EXPORTS_JWT_USER_CLAIM",
                "exports.jwt.required-claims|token_type|EXPORTS_JWT_REQUIRED_CLAIMS",
                "exports.jwt.required-claims|=access|EXPORTS_JWT_REQUIRED_CLAIMS",
                "exports.jwt.required-claims|token_type=|EXPORTS_JWT_REQUIRED_CLAIMS",
                "exports.jwt.required-claims|token_type=access,|EXPORTS_JWT_REQUIRED_CLAIMS",
                "exports.jwt.required-claims|token_type=access,token_type=refresh|EXPORTS_JWT_REQUIRED_CLAIMS",
                "exports.jwt.role-source|db|EXPORTS_JWT_ROLE_SOURCE",
                "exports.jwt.role-source|''|EXPORTS_JWT_ROLE_SOURCE",
                "exports.jwt.role-query-timeout|500ms|EXPORTS_JWT_ROLE_QUERY_TIMEOUT",
                "exports.jwt.role-query-timeout|soon|EXPORTS_JWT_ROLE_QUERY_TIMEOUT"
            })
    void a_value_it_cannot_read_is_refused_naming_the_setting(String property, String value, String setting) {
        var environment = environment().withProperty(property, value);

        assertThatThrownBy(() -> new TokenSettingsCheck().check(environment))
                .isInstanceOf(UnsafeSettingException.class)
                .hasMessageStartingWith(setting + " ")
                .extracting(e -> ((UnsafeSettingException) e).setting())
                .isEqualTo(setting);
    }

    /** A secret the check accepts, and Boot's conversions (durations such as 2s). */
    private static MockEnvironment environment() {
        var environment = new MockEnvironment()
                .withProperty("exports.jwt.secret", Tokens.SECRET)
                .withProperty(Tokens.ALLOW_DEV_SECRETS, "true");
        environment.setConversionService(new ApplicationConversionService());
        return environment;
    }
}
