package com.coaching.exports.shared.secret;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Api and worker both sign or check emailed links: neither starts without a safe {@code EXPORTS_LINKS_SECRET}. */
@Component
public class LinkSecretCheck extends SettingsCheck {

    @Override
    protected void check(Environment environment) {
        SecretSettings.require(environment, "exports.links.secret", "EXPORTS_LINKS_SECRET");
    }
}
