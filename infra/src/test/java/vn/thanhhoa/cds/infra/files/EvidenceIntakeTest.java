package vn.thanhhoa.cds.infra.files;

import org.junit.jupiter.api.Test;
import vn.thanhhoa.cds.infra.problem.ProblemException;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The intake streams a file (never whole in memory) and stops reading at its limit, leaving no temporary file behind.
 */
class EvidenceIntakeTest {
    private static final byte[] PDF = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void aFileOverTheLimitIsRefusedWhileReadAndLeavesNothing() throws Exception {
        long before = stagedFiles();
        EvidenceIntake intake = new EvidenceIntake(1024);
        InputStream endless = new InputStream() { // a body that would never end
            private long read;

            @Override
            public int read() {
                return read++ < PDF.length ? PDF[(int) read - 1] : 'x';
            }
        };
        assertThatThrownBy(() -> intake.stage(endless, "lon.pdf")).isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).code()).isEqualTo("FILE_TOO_LARGE"));
        assertThat(stagedFiles()).isEqualTo(before);
    }

    @Test
    void aGoodFileIsStagedWithItsHashSizeAndType() throws Exception {
        EvidenceStore.StagedFile staged = new EvidenceIntake().stage(new ByteArrayInputStream(PDF), " QĐ 12.pdf ");
        try {
            assertThat(staged.name()).isEqualTo("QĐ 12.pdf");
            assertThat(staged.size()).isEqualTo(PDF.length);
            assertThat(staged.mediaType()).isEqualTo("application/pdf");
            assertThat(staged.sha256()).hasSize(64);
            assertThat(Files.readAllBytes(staged.path())).isEqualTo(PDF);
        } finally {
            EvidenceIntake.discard(staged);
        }
        assertThat(Files.exists(staged.path())).isFalse();
    }

    private static long stagedFiles() throws Exception {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("minh-chung-")).count();
        }
    }
}
