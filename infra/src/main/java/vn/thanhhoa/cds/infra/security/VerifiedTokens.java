package vn.thanhhoa.cds.infra.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import java.time.Clock;
import java.time.Duration;

/**
 * A bearer token verified once is not verified again while it is valid: the RS256 check and the parse cost about a
 * tenth of a command's CPU (BENCHMARKS.md, issue 30), and an officer's client sends the same token for its whole life.
 * Kept by the token itself (nothing but an exact copy matches), at most {@code capacity} of them, each until its own
 * expiry — never longer, so an expired token meets the verifier again and is refused as before. A token without an
 * expiry is verified every time.
 */
final class VerifiedTokens implements JwtDecoder {
    private final JwtDecoder verifier;
    private final Clock clock;
    private final Cache<String, Jwt> verified;

    VerifiedTokens(JwtDecoder verifier, Clock clock, long capacity) {
        this.verifier = verifier;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(capacity)
                .ticker(() -> clock.instant().toEpochMilli() * 1_000_000L)
                .expireAfter(new Expiry<String, Jwt>() {
                    @Override
                    public long expireAfterCreate(String token, Jwt jwt, long now) {
                        return untilExpiry(jwt);
                    }

                    @Override
                    public long expireAfterUpdate(String token, Jwt jwt, long now, long current) {
                        return untilExpiry(jwt);
                    }

                    @Override
                    public long expireAfterRead(String token, Jwt jwt, long now, long current) {
                        return current;
                    }
                })
                .build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.getIfPresent(token);
        if (known != null && clock.instant().isBefore(known.getExpiresAt())) {
            return known;
        }
        Jwt jwt = verifier.decode(token);
        if (jwt.getExpiresAt() != null && clock.instant().isBefore(jwt.getExpiresAt())) {
            verified.put(token, jwt);
        }
        return jwt;
    }

    private long untilExpiry(Jwt jwt) {
        return Math.max(0, Duration.between(clock.instant(), jwt.getExpiresAt()).toNanos());
    }

    /** For tests: how many tokens are held. */
    long held() {
        verified.cleanUp();
        return verified.estimatedSize();
    }
}
