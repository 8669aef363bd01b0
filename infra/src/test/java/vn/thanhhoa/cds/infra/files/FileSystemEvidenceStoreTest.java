package vn.thanhhoa.cds.infra.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The directory store keeps a file once by its hash, whole or not at all, and reads it back as kept. */
class FileSystemEvidenceStoreTest {
    private static final byte[] PDF = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void aFileIsKeptOnceAndReadBack(@TempDir Path root) throws Exception {
        FileSystemEvidenceStore store = new FileSystemEvidenceStore(root);
        EvidenceStore.StagedFile staged = new EvidenceIntake().stage(new ByteArrayInputStream(PDF), "QĐ.pdf");
        try {
            store.keep(staged);
            store.keep(staged);
        } finally {
            EvidenceIntake.discard(staged);
        }
        try (Stream<Path> kept = Files.walk(root)) {
            assertThat(kept.filter(Files::isRegularFile).count()).as("the bytes and their size and type, once").isEqualTo(2);
        }
        assertThat(store.find(staged.sha256())).hasValueSatisfying(k -> {
            assertThat(k.size()).isEqualTo(PDF.length);
            assertThat(k.mediaType()).isEqualTo("application/pdf");
        });
        ByteArrayOutputStream copied = new ByteArrayOutputStream();
        store.copy(staged.sha256(), copied);
        assertThat(copied.toByteArray()).isEqualTo(PDF);
        try (InputStream in = store.open(staged.sha256())) {
            assertThat(in.readAllBytes()).isEqualTo(PDF);
        }
        assertThat(store.find("0".repeat(64))).isEmpty();
        assertThatThrownBy(() -> store.open("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }
}
