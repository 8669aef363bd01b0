package vn.thanhhoa.cds.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens as the province's OIDC issuer would sign them (RS256), with the key pair bench.sh generated: the
 * platform is pointed at its public key (spring.security.oauth2.resourceserver.jwt.public-key-location).
 */
final class Tokens {
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private final PrivateKey key;
    private final Map<String, String> cache = new ConcurrentHashMap<>();

    Tokens(Path privateKeyPem) throws Exception {
        String pem = Files.readString(privateKeyPem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }

    /** A commune officer of the commune with this code. */
    String commune(String code) {
        return token("can-bo-" + code, List.of("COMMUNE"), code);
    }

    /** A steering-committee member: reads every dashboard and every change. */
    String steering(String subject) {
        return token(subject, List.of("STEERING"), "38");
    }

    String token(String subject, List<String> roles, String unit) {
        return cache.computeIfAbsent(subject + "|" + roles + "|" + unit, k -> sign(subject, roles, unit));
    }

    private String sign(String subject, List<String> roles, String unit) {
        try {
            long now = Instant.now().getEpochSecond();
            String header = URL.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
            String claims = URL.encodeToString(Json.MAPPER.writeValueAsBytes(Map.of("sub", subject, "roles", roles, "unit", unit,
                    "iss", "https://sso.thanhhoa.bench", "iat", now, "exp", now + 6 * 3600)));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
            return header + "." + claims + "." + URL.encodeToString(rsa.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
