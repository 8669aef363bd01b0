package vn.thanhhoa.cds.infra.integrity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CheckpointKeyHealthTest {

    /** A platform without a checkpoint key seals nothing: its health says so (and it still serves). */
    @Test
    void withoutAKeyTheCheckpointsComponentIsNotSealing(@TempDir Path folder) {
        IntegrityKeys none = IntegrityKeys.load(folder.resolve("absent.pem"), false);
        assertThat(none).isNull();
        assertThat(new CheckpointKeyHealth(none).health().getStatus().getCode()).isEqualTo("NOT_SEALING");
        assertThat(new CheckpointKeyHealth(IntegrityKeys.load(folder.resolve("key.pem"), true)).health().getStatus().getCode())
                .isEqualTo("UP");
    }
}
