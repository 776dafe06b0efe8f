package com.coaching.exports.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.coaching.exports.api.support.ApiTest;
import com.coaching.exports.embedded.DevTokens;
import com.coaching.exports.testkit.ApiClient;
import com.coaching.exports.testkit.Tokens;
import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

/**
 * HS256 tokens, with {@code EXPORTS_JWT_AUDIENCE} and {@code EXPORTS_JWT_ISSUER} set: beyond the
 * signature and {@code exp}, {@code aud} must name the audience and {@code iss} be the issuer.
 */
@ApiTest
@TestPropertySource(
        properties = {
            "exports.jwt.audience=" + SecretTokenClaimsTest.AUDIENCE,
            "exports.jwt.issuer=" + SecretTokenClaimsTest.ISSUER
        })
class SecretTokenClaimsTest {

    static final String AUDIENCE = "exports-api";
    static final String ISSUER = "https://platform.example.com/";

    @Value("${local.server.port}")
    int port;

    @Test
    void a_token_for_the_audience_from_the_issuer_is_accepted() {
        assertThat(list(token(claims -> claims))).isEqualTo(200);
    }

    @Test
    void a_token_for_another_audience_or_none_is_a_401() {
        assertThat(list(token(claims -> claims.audience("another-service")))).isEqualTo(401);
        assertThat(list(token(claims -> claims.audience((String) null)))).isEqualTo(401);
    }

    @Test
    void a_token_from_another_issuer_or_none_is_a_401() {
        assertThat(list(token(claims -> claims.issuer("https://elsewhere.example.com/"))))
                .isEqualTo(401);
        assertThat(list(token(claims -> claims.issuer(null)))).isEqualTo(401);
    }

    private int list(String token) {
        return ApiClient.onPort(port, token).get("/api/v1/exports").status();
    }

    /** A trainer's HS256 token: exp in an hour, the audience and the issuer, unless {@code change} says else. */
    private static String token(UnaryOperator<JWTClaimsSet.Builder> change) {
        Instant now = Instant.now();
        return DevTokens.signed(
                Tokens.SECRET,
                change.apply(new JWTClaimsSet.Builder()
                                .subject(Long.toString(Tokens.newTrainerId()))
                                .claim("role", "TRAINER")
                                .audience(AUDIENCE)
                                .issuer(ISSUER)
                                .issueTime(Date.from(now))
                                .expirationTime(Date.from(now.plus(Duration.ofHours(1)))))
                        .build());
    }
}
