package com.coaching.exports.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.api.ApiApplication;
import com.coaching.exports.testkit.ApiClient;
import com.coaching.exports.testkit.Tokens;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The platform's settings on the issuer/JWK path: a provider's RS256 tokens shaped like the platform's (the user in
 * {@code user_id}, a {@code token_type}, no role) are read the same way as the secret path reads simplejwt's.
 */
@SpringBootTest(
        classes = ApiApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=" + ApiApplication.CONFIG_NAME,
            "exports.links.secret=" + Tokens.LINK_SECRET,
            "exports.destinations.key=" + Tokens.DESTINATIONS_KEY,
            Tokens.ALLOW_DEV_SECRETS + "=true",
            "exports.source.migrate=true",
            "exports.jwt.user-claim=user_id",
            "exports.jwt.required-claims=token_type=access",
            "exports.jwt.role-source=database"
        })
@DirtiesContext
class IssuerPlatformTokensTest {

    static final RSAKey PROVIDER_KEY = rsaKey();
    static HttpServer jwks;

    @Value("${local.server.port}")
    int port;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void theProvidersKeys(DynamicPropertyRegistry registry) throws IOException {
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] body = new JWKSet(PROVIDER_KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
        registry.add(
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                () -> "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks");
    }

    @AfterAll
    static void stopTheProvider() {
        jwks.stop(0);
    }

    @Test
    void a_trainers_access_token_is_accepted() {
        assertThat(list(token("access", user("TRAINER")))).isEqualTo(200);
    }

    @Test
    void a_trainers_refresh_token_is_a_401() {
        assertThat(list(token("refresh", user("TRAINER")))).isEqualTo(401);
    }

    @Test
    void a_trainees_access_token_and_an_unknown_users_are_a_403() {
        assertThat(list(token("access", user("TRAINEE")))).isEqualTo(403);
        assertThat(list(token("access", Tokens.newTrainerId()))).isEqualTo(403);
    }

    @Test
    void an_access_token_without_user_id_is_a_401() {
        assertThat(list(token("access", null))).isEqualTo(401);
    }

    private int list(String token) {
        return ApiClient.onPort(port, token).get("/api/v1/exports").status();
    }

    private long user(String role) {
        return jdbc.sql("""
                insert into users (email, first_name, last_name, role, is_active, date_joined)
                values (:email, 'Pat', 'Provider', :role, true, now()) returning id""")
                .param("email", UUID.randomUUID() + "@example.com")
                .param("role", role)
                .query(Long.class)
                .single();
    }

    /** An RS256 token of the provider with {@code token_type}, {@code exp} in five minutes and {@code user_id}. */
    private static String token(String tokenType, Long userId) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .claim("token_type", tokenType)
                .expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(5))))
                .issueTime(new Date())
                .jwtID(UUID.randomUUID().toString().replace("-", ""));
        if (userId != null) {
            claims.claim("user_id", userId);
        }
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(PROVIDER_KEY.getKeyID())
                            .build(),
                    claims.build());
            jwt.sign(new RSASSASigner(PROVIDER_KEY));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey rsaKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("provider").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
