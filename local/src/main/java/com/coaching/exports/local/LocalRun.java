package com.coaching.exports.local;

import com.coaching.exports.embedded.DevTokens;
import com.coaching.exports.shared.secret.DevSecrets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The run command: the whole system on one machine with embedded defaults and demo data, then a
 * link to the web page that signs the demo trainer in, a ready token and curl examples. Data lives
 * under {@code .local/}, so a restart keeps jobs and files.
 */
public final class LocalRun {

    /** Used only when EXPORTS_JWT_SECRET is unset; printed, so never use it beyond this machine. */
    static final String DEV_SECRET = DevSecrets.LOCAL_JWT;

    /** Signs emailed links when EXPORTS_LINKS_SECRET is unset; for this machine only. */
    static final String DEV_LINK_SECRET = DevSecrets.LOCAL_LINKS;

    /** Seals destinations' secrets when EXPORTS_DESTINATIONS_KEY is unset; for this machine only. */
    static final String DEV_DESTINATIONS_KEY = DevSecrets.LOCAL_DESTINATIONS_KEY;

    private LocalRun() {}

    public static void main(String[] args) {
        String secret = System.getenv().getOrDefault("EXPORTS_JWT_SECRET", DEV_SECRET);
        Map<String, Object> settings = new HashMap<>();
        settings.put("exports.jwt.secret", secret);
        settings.put("exports.links.secret", System.getenv().getOrDefault("EXPORTS_LINKS_SECRET", DEV_LINK_SECRET));
        settings.put(
                "exports.destinations.key",
                System.getenv().getOrDefault("EXPORTS_DESTINATIONS_KEY", DEV_DESTINATIONS_KEY));
        // api and worker refuse a secret from the repository unless told: the run command says so, a deployment never
        settings.put(DevSecrets.ALLOW, true);
        // webhooks to receivers on this machine (http://localhost:…): a deployment allows neither
        settings.put("exports.webhooks.allow-http", true);
        settings.put("exports.webhooks.allow-private-networks", true);
        settings.put("exports.destinations.allow-private-networks", true);
        settings.put("exports.embedded.dir", System.getProperty("exports.embedded.dir", ".local"));
        LocalStack stack = LocalStack.start(settings, args);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-shutdown"));
        boolean seeded = stack.seedDemoData();
        String token = DevTokens.forUser(secret, "1", "TRAINER", Duration.ofHours(12));
        String base = "http://localhost:" + stack.apiPort();
        System.out.println("""

                ==== Exports is running ====
                API:        %s  (demo data %s; described at %s/swagger-ui.html)
                Health:     http://localhost:%d/actuator/health (API), http://localhost:%d/actuator/health (worker)
                Metrics:    the same ports, /actuator/prometheus
                JWT secret: %s%s

                Open the web page, signed in as the demo trainer (user 1, valid 12 h):
                %s/#token=%s

                The same token for curl:
                export TOKEN=%s

                Try it:
                curl -si -X POST %s/api/v1/exports -H "Authorization: Bearer $TOKEN" \\
                     -H 'Content-Type: application/json' -d '{"dataset": "payments", "days": 30}'
                curl -s %s/api/v1/exports -H "Authorization: Bearer $TOKEN"
                curl -sL -OJ %s/api/v1/exports/<id>/download -H "Authorization: Bearer $TOKEN"
                """.formatted(
                        base,
                        seeded ? "seeded" : "kept as found",
                        base,
                        stack.apiManagementPort(),
                        stack.workerManagementPort(),
                        secret,
                        secret.equals(DEV_SECRET) ? " (dev secret: set EXPORTS_JWT_SECRET to choose your own)" : "",
                        base,
                        token,
                        token,
                        base,
                        base,
                        base));
    }
}
