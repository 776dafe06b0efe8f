package com.coaching.exports.api.security;

import com.coaching.exports.shared.link.SignedLinks;
import com.coaching.exports.shared.source.SourceDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.StringUtils;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Bearer tokens only (docs/api.md, "Authentication"): no token, a bad signature or an expired token → 401;
 * a role other than TRAINER → 403; a role that cannot be read from the database → 503. All are problem+json,
 * written by the problem handler.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JwtProperties.class)
public class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(
            HttpSecurity http,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems,
            JwtProperties properties,
            ObjectProvider<SourceDatabase> source,
            ObjectProvider<Clock> clock)
            throws Exception {
        var problemWriter = new AuthProblems(problems);
        var claims = new TokenClaims(
                properties.userClaim(),
                properties.roleSource() == JwtProperties.RoleSource.DATABASE
                        // asked for only here, so that a web slice without a database needs none
                        ? new UserRoles(source.getObject(), properties.roleQueryTimeout(), clock.getObject())
                        : null);
        http.authorizeHttpRequests(requests -> requests
                        // emailed links carry their own signature instead of a token
                        .requestMatchers(HttpMethod.GET, SignedLinks.PATH.replace("{id}", "*"))
                        .permitAll()
                        // the API description and the probes (actuator: the management port, see api.yml)
                        .requestMatchers(
                                "/v3/api-docs/**",
                                "/swagger-ui/**",
                                "/swagger-ui.html",
                                "/livez",
                                "/readyz",
                                "/actuator/health/**")
                        .permitAll()
                        .requestMatchers("/api/**")
                        .hasRole("TRAINER")
                        .anyRequest()
                        .permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.jwtAuthenticationConverter(claims))
                        .authenticationEntryPoint(problemWriter)
                        .accessDeniedHandler(problemWriter))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(problemWriter).accessDeniedHandler(problemWriter));
        return http.build();
    }

    /**
     * Local tokens: HS256 with the shared secret; {@code exp} is required, and {@code aud} and {@code iss}
     * when {@code EXPORTS_JWT_AUDIENCE} and {@code EXPORTS_JWT_ISSUER} are set. {@link TokenSettingsCheck} has
     * refused to start with a secret that is short, from the repository, or set beside an issuer.
     */
    @Bean
    @ConditionalOnProperty("exports.jwt.secret")
    JwtDecoder hmacJwtDecoder(JwtProperties properties) {
        byte[] secret = Objects.requireNonNull(properties.secret(), "exports.jwt.secret")
                .getBytes(StandardCharsets.UTF_8);
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(secret, "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        decoder.setJwtValidator(
                new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefault(), tokenRules(properties)));
        return decoder;
    }

    /**
     * Issuer/JWK tokens (Boot's decoder adds every validator bean to its defaults, and with {@code issuer-uri}
     * its own issuer check): the same rules as the secret path's.
     */
    @Bean
    OAuth2TokenValidator<Jwt> issuedTokenRules(JwtProperties properties) {
        return tokenRules(properties);
    }

    /**
     * {@code exp} is required, as the timestamp validator alone lets a token without one pass; with
     * {@code EXPORTS_JWT_AUDIENCE} set, {@code aud} must name it; with {@code EXPORTS_JWT_ISSUER} set, {@code
     * iss} must be it; each of {@code EXPORTS_JWT_REQUIRED_CLAIMS} must have its value.
     */
    static OAuth2TokenValidator<Jwt> tokenRules(JwtProperties properties) {
        List<OAuth2TokenValidator<Jwt>> rules = new ArrayList<>();
        rules.add(new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull));
        String audience = properties.audience();
        if (StringUtils.hasText(audience)) {
            rules.add(new JwtClaimValidator<List<String>>(
                    JwtClaimNames.AUD, aud -> aud != null && aud.contains(audience)));
        }
        if (StringUtils.hasText(properties.issuer())) {
            rules.add(new JwtIssuerValidator(properties.issuer()));
        }
        rules.addAll(RequiredClaims.validators(properties.requiredClaims()));
        return new DelegatingOAuth2TokenValidator<>(rules);
    }

    @Bean
    WebMvcConfigurer trainerIdParameters() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new TrainerIdResolver());
            }
        };
    }
}
