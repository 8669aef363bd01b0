package vn.thanhhoa.cds.infra.integrity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The province's Ed25519 key that signs the checkpoints (the JDK's own implementation). The private half is kept as
 * PKCS#8 PEM in a file the operators protect, the public half as X.509 PEM beside it ({@code <file>.pub}); the public
 * half is also published ({@code GET /api/integrity/public-key}) and is all an auditor needs.
 */
public record IntegrityKeys(PrivateKey signing, PublicKey verifying) {

    /** Reads the key file, or creates it when asked to (the standalone demo), or none: no checkpoints are sealed. */
    public static IntegrityKeys load(Path file, boolean create) {
        try {
            Path publicFile = Path.of(file + ".pub");
            if (Files.exists(file)) {
                byte[] pkcs8 = Base64.getMimeDecoder().decode(Files.readString(file).replaceAll("-----[A-Z ]+-----", "").trim());
                PrivateKey signing = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
                return new IntegrityKeys(signing, readPublic(Files.readString(publicFile)));
            }
            if (!create) {
                return null;
            }
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Files.createDirectories(file.toAbsolutePath().getParent());
            // the private key readable and writable by its owner only, from the moment the file exists
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
            IntegrityKeys keys = new IntegrityKeys(pair.getPrivate(), pair.getPublic());
            Files.writeString(publicFile, keys.publicPem());
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the checkpoint key in " + file + " is not an Ed25519 PKCS#8 key", e);
        }
    }

    public static PublicKey readPublic(String pem) {
        try {
            byte[] x509 = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").trim());
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }

    public String publicPem() {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(verifying.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }
}
