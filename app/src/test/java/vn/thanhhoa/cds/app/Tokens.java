package vn.thanhhoa.cds.app;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Signs test tokens as an OIDC issuer would: RS256 with a key pair made for this test run (the platform is given the
 * public key), plus tokens that must be refused — expired, signed by another key, without a unit claim.
 */
public final class Tokens {
    private final KeyPair trusted = generate();
    private final KeyPair stranger = generate();
    private final Path publicKey;

    Tokens() {
        try {
            publicKey = Files.createTempFile("cds-test-issuer", ".pub");
            publicKey.toFile().deleteOnExit();
            Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(trusted.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    String publicKeyLocation() {
        return publicKey.toUri().toString();
    }

    /** The trusted private key as PKCS#8 PEM, as the benchmark's tools read the key bench.sh makes. */
    Path privateKeyPem() throws IOException {
        Path pem = Files.createTempFile("cds-test-issuer", ".key");
        pem.toFile().deleteOnExit();
        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(trusted.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        return pem;
    }

    public String token(String subject, List<String> roles, String unit) {
        return sign(trusted, subject, Map.of("roles", roles, "unit", unit), Instant.now().plusSeconds(600));
    }

    /** A token that expires at the given instant (a live stream must not outlive it). */
    public String expiringAt(String subject, List<String> roles, String unit, Instant expiry) {
        return sign(trusted, subject, Map.of("roles", roles, "unit", unit), expiry);
    }

    public String expired(String subject, List<String> roles, String unit) {
        return sign(trusted, subject, Map.of("roles", roles, "unit", unit), Instant.now().minusSeconds(3600));
    }

    public String signedByAnotherKey(String subject, List<String> roles, String unit) {
        return sign(stranger, subject, Map.of("roles", roles, "unit", unit), Instant.now().plusSeconds(600));
    }

    public String withoutUnit(String subject, List<String> roles) {
        return sign(trusted, subject, Map.of("roles", roles), Instant.now().plusSeconds(600));
    }

    private static String sign(KeyPair key, String subject, Map<String, Object> claims, Instant expiry) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().subject(subject).issuer("https://sso.thanhhoa.test")
                .issueTime(Date.from(expiry.minusSeconds(900))).expirationTime(Date.from(expiry));
        claims.forEach(builder::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), builder.build());
        try {
            jwt.sign(new RSASSASigner((RSAPrivateKey) key.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
