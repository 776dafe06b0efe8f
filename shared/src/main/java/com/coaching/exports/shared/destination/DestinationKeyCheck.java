package com.coaching.exports.shared.destination;

import com.coaching.exports.shared.secret.DevSecrets;
import com.coaching.exports.shared.secret.SettingsCheck;
import com.coaching.exports.shared.secret.UnsafeSettingException;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Api and worker both open the destinations' secrets: neither starts without a safe
 * {@code EXPORTS_DESTINATIONS_KEY}: set, the base64 of exactly 32 bytes (AES-256), and none of the keys
 * written in this repository unless {@link DevSecrets#ALLOW} is true.
 */
@Component
public class DestinationKeyCheck extends SettingsCheck {

    private static final String ACTION = "Set " + DestinationSettings.KEY_VARIABLE
            + " to 32 random bytes in base64, the output of `openssl rand -base64 32`, and give it only to api and"
            + " worker. Changing it later makes the registered destinations unreadable.";

    @Override
    protected void check(Environment environment) {
        String value = environment.getProperty(DestinationSettings.KEY_PROPERTY);
        String variable = DestinationSettings.KEY_VARIABLE;
        String property = "(" + DestinationSettings.KEY_PROPERTY + ")";
        if (!StringUtils.hasText(value)) {
            throw new UnsafeSettingException(variable, property + " is not set.", ACTION);
        }
        if (SecretBox.decodeKey(value).isEmpty()) {
            throw new UnsafeSettingException(
                    variable, property + " is not the base64 of exactly " + SecretBox.KEY_BYTES + " bytes.", ACTION);
        }
        if (DevSecrets.ALL.contains(value.trim()) && !environment.getProperty(DevSecrets.ALLOW, Boolean.class, false)) {
            throw new UnsafeSettingException(
                    variable,
                    property + " is a key that appears in the exports repository, so anyone can read the secrets.",
                    ACTION);
        }
    }
}
