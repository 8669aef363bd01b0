package vn.thanhhoa.cds.infra.security;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tokens verified by the real RS256 verifier once, then taken as verified until they expire, and verified (and
 * refused) again after; a changed token is never taken for a verified one.
 */
class VerifiedTokensTest {
    private final KeyPair keys = rsa();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-07T02:00:00Z"));
    private final AtomicInteger verifications = new AtomicInteger();
    private final JwtDecoder verifier = verifier();

    private JwtDecoder verifier() {
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withPublicKey((RSAPublicKey) keys.getPublic()).build();
        JwtTimestampValidator expiry = new JwtTimestampValidator(Duration.ZERO);
        expiry.setClock(clock);
        nimbus.setJwtValidator(expiry);
        return token -> {
            verifications.incrementAndGet();
            return nimbus.decode(token);
        };
    }

    @Test
    void aTokenIsVerifiedOnceWhileItIsValidAndAgainAfterItExpires() throws Exception {
        VerifiedTokens tokens = new VerifiedTokens(verifier, clock, 100);
        String token = token("can-bo-14923", clock.instant().plusSeconds(600));
        assertThat(tokens.decode(token).getSubject()).isEqualTo("can-bo-14923");
        assertThat(tokens.decode(token).getClaimAsString("unit")).isEqualTo("14923");
        assertThat(verifications.get()).as("verified once").isEqualTo(1);

        clock.move(Duration.ofSeconds(601));
        assertThatThrownBy(() -> tokens.decode(token)).as("expired: verified again, and refused").isInstanceOf(JwtException.class);
        assertThat(verifications.get()).isEqualTo(2);
        assertThat(tokens.held()).isZero();
    }

    @Test
    void aChangedTokenIsNeverTakenForAVerifiedOne() throws Exception {
        VerifiedTokens tokens = new VerifiedTokens(verifier, clock, 100);
        String token = token("can-bo-14923", clock.instant().plusSeconds(600));
        tokens.decode(token);
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + token("can-bo-14926", clock.instant().plusSeconds(600)).split("\\.")[1] + "." + parts[2];
        assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(JwtException.class);
        assertThat(verifications.get()).isEqualTo(2);
    }

    @Test
    void itHoldsAtMostItsCapacity() throws Exception {
        VerifiedTokens tokens = new VerifiedTokens(verifier, clock, 10);
        for (int i = 0; i < 50; i++) {
            tokens.decode(token("can-bo-" + i, clock.instant().plusSeconds(600)));
        }
        assertThat(tokens.held()).isLessThanOrEqualTo(10);
    }

    private String token(String subject, Instant expiry) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(),
                new JWTClaimsSet.Builder().subject(subject).claim("roles", List.of("COMMUNE"))
                        .claim("unit", subject.substring(subject.lastIndexOf('-') + 1))
                        .issueTime(Date.from(clock.instant())).expirationTime(Date.from(expiry)).build());
        jwt.sign(new RSASSASigner(keys.getPrivate()));
        return jwt.serialize();
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
