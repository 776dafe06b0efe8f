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
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Tokens from an identity provider: the API reads the provider's keys from its JWK set (served here by a small
 * HTTP server) and, beyond the signature, requires {@code exp}, the audience {@code EXPORTS_JWT_AUDIENCE} and
 * the issuer {@code EXPORTS_JWT_ISSUER} (a JWK set names no issuer of its own).
 */
@SpringBootTest(
        classes = ApiApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=" + ApiApplication.CONFIG_NAME,
            "exports.links.secret=" + Tokens.LINK_SECRET,
            "exports.destinations.key=" + Tokens.DESTINATIONS_KEY,
            Tokens.ALLOW_DEV_SECRETS + "=true",
            "exports.jwt.audience=" + IssuerTokensTest.AUDIENCE,
            "exports.jwt.issuer=" + IssuerTokensTest.ISSUER
        })
class IssuerTokensTest {

    static final String AUDIENCE = "exports-api";
    static final String ISSUER = "https://id.example.com/";
    static final RSAKey PROVIDER_KEY = rsaKey("provider");
    static final RSAKey OTHER_KEY = rsaKey("provider"); // the same key id, another key
    static HttpServer jwks;

    @Value("${local.server.port}")
    int port;

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
    void a_provider_token_with_exp_and_the_audience_is_accepted() {
        assertThat(list(token(PROVIDER_KEY, claims -> claims))).isEqualTo(200);
    }

    @Test
    void a_provider_token_without_exp_is_a_401() {
        assertThat(list(token(PROVIDER_KEY, claims -> claims.expirationTime(null))))
                .isEqualTo(401);
    }

    @Test
    void a_provider_token_for_another_audience_or_none_is_a_401() {
        assertThat(list(token(PROVIDER_KEY, claims -> claims.audience("another-service"))))
                .isEqualTo(401);
        assertThat(list(token(PROVIDER_KEY, claims -> claims.audience((String) null))))
                .isEqualTo(401);
    }

    @Test
    void a_provider_token_from_another_issuer_or_none_is_a_401() {
        assertThat(list(token(PROVIDER_KEY, claims -> claims.issuer("https://elsewhere.example.com/"))))
                .isEqualTo(401);
        assertThat(list(token(PROVIDER_KEY, claims -> claims.issuer(null)))).isEqualTo(401);
    }

    @Test
    void an_expired_provider_token_is_a_401() {
        assertThat(list(token(
                        PROVIDER_KEY,
                        claims -> claims.expirationTime(Date.from(Instant.now().minus(Duration.ofMinutes(5)))))))
                .isEqualTo(401);
    }

    @Test
    void a_token_signed_with_another_key_under_the_providers_key_id_is_a_401() {
        assertThat(list(token(OTHER_KEY, claims -> claims))).isEqualTo(401);
    }

    @Test
    void without_an_audience_or_issuer_setting_exp_is_still_required_and_aud_and_iss_are_not() {
        var rules = new SecurityConfiguration().issuedTokenRules(new JwtProperties(null, null, null));
        Jwt.Builder jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("1");

        assertThat(rules.validate(jwt.expiresAt(Instant.now().plusSeconds(60)).build())
                        .hasErrors())
                .isFalse();
        assertThat(rules.validate(Jwt.withTokenValue("t")
                                .header("alg", "RS256")
                                .subject("1")
                                .build())
                        .hasErrors())
                .isTrue();
    }

    private int list(String token) {
        return ApiClient.onPort(port, token).get("/api/v1/exports").status();
    }

    /**
     * A trainer's token signed with {@code key}: exp in an hour, the audience and the issuer, unless {@code change}
     * says else.
     */
    private static String token(RSAKey key, UnaryOperator<JWTClaimsSet.Builder> change) {
        JWTClaimsSet claims = change.apply(new JWTClaimsSet.Builder()
                        .subject(Long.toString(Tokens.newTrainerId()))
                        .claim("role", "TRAINER")
                        .audience(AUDIENCE)
                        .issuer(ISSUER)
                        .issueTime(new Date())
                        .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1)))))
                .build();
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey rsaKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
