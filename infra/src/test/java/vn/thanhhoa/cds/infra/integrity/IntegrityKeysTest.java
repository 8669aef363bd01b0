package vn.thanhhoa.cds.infra.integrity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class IntegrityKeysTest {

    /** Whoever reads the private key can sign checkpoints: its owner only. */
    @Test
    void aCreatedPrivateKeyIsReadableByItsOwnerOnlyAndLoadsAgain(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("keys").resolve("integrity-ed25519.pem");
        IntegrityKeys created = IntegrityKeys.load(file, true);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(IntegrityKeys.load(file, false).publicPem()).isEqualTo(created.publicPem());
    }
}
