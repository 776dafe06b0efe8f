package com.coaching.exports.embedded;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DevTokensTest {

    private static final String SECRET = "local-dev-secret-at-least-32-bytes-long!";

    @Test
    void a_user_token_is_hs256_signed_with_sub_role_iat_and_exp() throws Exception {
        Instant before = Instant.now().minusSeconds(1);

        SignedJWT jwt = SignedJWT.parse(DevTokens.forUser(SECRET, "trainer-42", "TRAINER", Duration.ofMinutes(15)));

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(jwt.verify(new MACVerifier(SECRET.getBytes(UTF_8)))).isTrue();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("trainer-42");
        assertThat(claims.getStringClaim("role")).isEqualTo("TRAINER");
        assertThat(claims.getIssueTime().toInstant()).isAfter(before);
        assertThat(Duration.between(
                        claims.getIssueTime().toInstant(),
                        claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void any_claims_can_be_signed_with_another_hmac_algorithm() throws Exception {
        String secret = SECRET + SECRET; // HS512 wants 64 bytes
        JWTClaimsSet claims =
                new JWTClaimsSet.Builder().subject("x").claim("role", "ADMIN").build();

        SignedJWT jwt = SignedJWT.parse(DevTokens.signed(secret, JWSAlgorithm.HS512, claims));

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS512);
        assertThat(jwt.verify(new MACVerifier(secret.getBytes(UTF_8)))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getClaims()).containsOnlyKeys("sub", "role");
    }

    @Test
    void an_unsecured_token_carries_alg_none() throws Exception {
        String token =
                DevTokens.unsecured(new JWTClaimsSet.Builder().subject("x").build());

        assertThat(JWTParser.parse(token)).isInstanceOf(PlainJWT.class);
        assertThat(token).endsWith(".");
    }

    @Test
    void a_too_short_secret_is_refused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DevTokens.forUser("short", "x", "TRAINER", Duration.ofMinutes(1)));
    }
}
