package com.coaching.exports.shared.secret;

import java.nio.charset.StandardCharsets;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/** The rules a secret setting must meet before the application starts. */
public final class SecretSettings {

    /** HMAC-SHA256 keys: at least as long as the hash. */
    public static final int MIN_BYTES = 32;

    private SecretSettings() {}

    /**
     * The secret at {@code property}: set, at least {@value #MIN_BYTES} bytes, and none of
     * {@link DevSecrets#ALL} unless {@link DevSecrets#ALLOW} is true.
     *
     * @param variable the environment variable an operator sets, named in the refusal
     */
    public static void require(Environment environment, String property, String variable) {
        String value = environment.getProperty(property);
        String action = "Set " + variable + " to a random value of at least " + MIN_BYTES
                + " bytes, e.g. the output of `openssl rand -base64 48`, and share it only with the services that need it.";
        if (!StringUtils.hasText(value)) {
            throw new UnsafeSettingException(variable, "(" + property + ") is not set.", action);
        }
        if (value.getBytes(StandardCharsets.UTF_8).length < MIN_BYTES) {
            throw new UnsafeSettingException(
                    variable, "(" + property + ") is shorter than " + MIN_BYTES + " bytes.", action);
        }
        if (DevSecrets.ALL.contains(value) && !environment.getProperty(DevSecrets.ALLOW, Boolean.class, false)) {
            throw new UnsafeSettingException(
                    variable,
                    "(" + property
                            + ") is a secret that appears in the exports repository, so anyone can sign with it.",
                    action);
        }
    }
}
