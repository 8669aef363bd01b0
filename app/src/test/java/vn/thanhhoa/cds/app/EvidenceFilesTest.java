package vn.thanhhoa.cds.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import vn.thanhhoa.cds.infra.integrity.StoreVerification;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Evidence files on PostgreSQL (Xã Thọ Sơn, Huyện Triệu Sơn, 2024): uploaded as the commune, kept once by their hash
 * however often attached, downloaded with the hash checked first, under the card's rules, as an attachment that is
 * never sniffed, each download in the auditors' access log; every bad file refused with nothing kept or recorded; a
 * byte changed in the kept file refused at download; an upload cut off midway leaves nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvidenceFilesTest extends PlatformTest {
    private static final String THO_SON = "15667";
    private static final String BASE = "/api/communes/" + THO_SON + "/assessments/2024";
    private static final byte[] PDF = ("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            + "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
    /** The eight bytes of a PNG's signature and a header chunk: enough for its type. */
    private static final byte[] PNG = HexFormat.of().parseHex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            + "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082");

    @LocalServerPort
    int port;
    @org.springframework.beans.factory.annotation.Autowired
    javax.sql.DataSource dataSource;

    @BeforeAll
    void registered() {
        waitForReferenceData();
        ResponseEntity<String> registered = post("/api/communes/" + THO_SON + "/assessments",
                Map.of("year", 2024, "frameworkId", "TH-XA-1829-2023"), As.commune(THO_SON));
        assertThat(registered.getStatusCode().value()).as(registered.getBody()).isEqualTo(201);
    }

    private ResponseEntity<String> upload(String indicator, byte[] bytes, String name, As actor) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_OCTET_STREAM);
        headers.setBearerAuth(TOKENS.token(actor.subject(), List.of(actor.role()), actor.unit()));
        // the name as a template value: encoded once, as a browser would
        return name == null
                ? http.exchange(BASE + "/indicators/{indicator}/evidence-files", HttpMethod.POST, new HttpEntity<>(bytes, headers),
                String.class, indicator)
                : http.exchange(BASE + "/indicators/{indicator}/evidence-files?name={name}", HttpMethod.POST,
                new HttpEntity<>(bytes, headers), String.class, indicator, name);
    }

    private ResponseEntity<byte[]> downloadFile(String sha, As actor) {
        return download(BASE + "/evidence-files/" + sha, actor);
    }

    private long kept() {
        return jdbc.sql("select count(*) from evidence_file").query(Long.class).single();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void aFileIsKeptOnceAndServedWithItsHashCheckedUnderTheCardsRules() throws Exception {
        String sha = sha256(PDF);
        long keptBefore = kept(), eventsBefore = events();
        ResponseEntity<String> first = upload("1.1", PDF, "QĐ 12-UBND.pdf", As.commune(THO_SON));
        assertThat(first.getStatusCode().value()).as(first.getBody()).isEqualTo(201);
        assertThat(read(first.getBody()).path("sha256").asText()).isEqualTo(sha);
        assertThat(read(first.getBody()).path("mediaType").asText()).isEqualTo("application/pdf");
        assertThat(upload("1.2", PDF, "QĐ 12-UBND.pdf", As.commune(THO_SON)).getStatusCode().value()).isEqualTo(201);
        assertThat(kept()).as("the same bytes kept once").isEqualTo(keptBefore + 1);
        assertThat(events()).as("one event per indicator").isEqualTo(eventsBefore + 2);
        assertThat(upload("1.1", PDF, "QĐ 12-UBND.pdf", As.commune(THO_SON)).getStatusCode().value()).isEqualTo(201);
        assertThat(events()).as("the same file on the same indicator again: nothing").isEqualTo(eventsBefore + 2);

        JsonNode files = eventually(() -> get(BASE + "/evidence-files", As.commune(THO_SON)),
                f -> f.findValuesAsText("sha256").stream().filter(sha::equals).count() == 2);
        assertThat(files.findValuesAsText("name")).contains("QĐ 12-UBND.pdf");
        ResponseEntity<byte[]> served = downloadFile(sha, As.commune(THO_SON));
        assertThat(served.getStatusCode().value()).isEqualTo(200);
        assertThat(served.getBody()).isEqualTo(PDF);
        assertThat(served.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(served.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).startsWith("attachment");
        assertThat(served.getHeaders().getContentType().toString()).isEqualTo("application/pdf");
        assertThat(downloadFile(sha, As.district("397")).getStatusCode().value()).as("its appraiser").isEqualTo(200);
        assertThat(downloadFile(sha, new As("thanh-tra", "AUDITOR", "38")).getStatusCode().value()).isEqualTo(200);
        assertThat(downloadFile(sha, As.commune("15670")).getStatusCode().value()).as("another commune").isEqualTo(403);
        assertThat(downloadFile(sha, As.district("386")).getStatusCode().value()).as("another district").isEqualTo(403);
        assertThat(downloadFile("0".repeat(64), As.commune(THO_SON)).getStatusCode().value()).isEqualTo(404);
        // a PDF without a page to draw has no preview: a problem, not a broken image
        assertThat(downloadFile(sha + "?preview=true", As.commune(THO_SON)).getStatusCode().value()).isEqualTo(422);

        String id = get(BASE).path("assessmentId").asText();
        HttpHeaders auditor = new HttpHeaders();
        auditor.setBearerAuth(TOKENS.token("thanh-tra", List.of("AUDITOR"), "38"));
        JsonNode log = read(http.exchange("/api/evidence-files/access-log?assessmentId={id}", HttpMethod.GET,
                new HttpEntity<>(auditor), String.class, id).getBody());
        assertThat(log.findValuesAsText("subject")).contains("can-bo-" + THO_SON, "tham-dinh-397", "thanh-tra");
        assertThat(read("/api/evidence-files/access-log?assessmentId=" + id, As.commune(THO_SON)).getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void everyBadFileIsRefusedWithNothingKeptOrRecorded() throws Exception {
        record Bad(String name, byte[] bytes, int status, String code) {
        }
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bomb)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 200; i++) {
                zip.write(zeros);
            }
        }
        List<Bad> bad = List.of(
                new Bad("rong.pdf", new byte[0], 422, "EMPTY_FILE"),
                new Bad("anh.png", PDF, 422, "TYPE_MISMATCH"), // a PDF that claims to be an image
                new Bad("so-do.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
                        .getBytes(StandardCharsets.UTF_8), 422, "TYPE_NOT_ALLOWED"),
                new Bad("trang.html", "<!DOCTYPE html><html><body>x</body></html>".getBytes(StandardCharsets.UTF_8), 422, "TYPE_NOT_ALLOWED"),
                new Bad("../../etc/passwd.pdf", PDF, 422, "INVALID_NAME"),
                new Bad("ten\u0000.pdf", PDF, 422, "INVALID_NAME"),
                new Bad(null, PDF, 422, "MISSING_NAME"),
                new Bad("bao-cao.docx", bomb.toByteArray(), 422, "ZIP_BOMB"));
        for (Bad file : bad) {
            long keptBefore = kept(), eventsBefore = events();
            ResponseEntity<String> refused = upload("1.3", file.bytes(), file.name(), As.commune(THO_SON));
            assertThat(refused.getStatusCode().value()).as(file.name() + ": " + refused.getBody()).isEqualTo(file.status());
            assertThat(read(refused.getBody()).path("code").asText()).as(file.name()).isEqualTo(file.code());
            assertThat(read(refused.getBody()).path("detail").asText()).as("in Vietnamese").isNotBlank();
            assertThat(kept()).as(file.name() + ": nothing kept").isEqualTo(keptBefore);
            assertThat(events()).as(file.name() + ": nothing recorded").isEqualTo(eventsBefore);
        }
        // refused by the rules after the file was read: nothing kept either
        long keptBefore = kept();
        ResponseEntity<String> unknown = upload("9.9", PNG, "anh.png", As.commune(THO_SON));
        assertThat(unknown.getStatusCode().value()).as(unknown.getBody()).isEqualTo(404);
        assertThat(upload("1.3", PNG, "anh.png", As.district("397")).getStatusCode().value()).isEqualTo(403);
        assertThat(upload("1.3", PNG, "anh.png", As.commune("15670")).getStatusCode().value()).isEqualTo(403);
        assertThat(kept()).isEqualTo(keptBefore);
    }

    @Test
    void aByteChangedInTheKeptFileIsRefusedAtDownload() throws Exception {
        byte[] photo = PNG.clone();
        photo[photo.length - 5] ^= 0x01; // another image than the other test's
        ResponseEntity<String> attached = upload("2.1", photo, "to-cong-nghe-so.png", As.commune(THO_SON));
        assertThat(attached.getStatusCode().value()).as(attached.getBody()).isEqualTo(201);
        String sha = sha256(photo);
        eventually(() -> get(BASE + "/evidence-files", As.commune(THO_SON)), f -> f.toString().contains(sha));
        jdbc.sql("update evidence_piece set bytes = :bytes where sha256 = :sha and position = 0")
                .param("bytes", PNG).param("sha", sha).update();
        ResponseEntity<byte[]> refused = downloadFile(sha, As.commune(THO_SON));
        assertThat(refused.getStatusCode().value()).isEqualTo(409);
        assertThat(new String(refused.getBody(), StandardCharsets.UTF_8)).contains("FILE_ALTERED");
        assertThat(jdbc.sql("select count(*) from evidence_access where sha256 = :sha and outcome = 'ALTERED'")
                .param("sha", sha).query(Long.class).single()).isEqualTo(1);
        // and the store's verification names it
        try (java.sql.Connection connection = dataSource.getConnection()) {
            assertThat(StoreVerification.verify(connection, null).findings())
                    .anyMatch(f -> f.kind().equals("FILE_ALTERED") && f.aggregateIdentifier().equals(sha));
        }
        jdbc.sql("update evidence_piece set bytes = :bytes where sha256 = :sha and position = 0")
                .param("bytes", photo).param("sha", sha).update(); // put back: the other tests' store is intact
        try (java.sql.Connection connection = dataSource.getConnection()) {
            assertThat(StoreVerification.verify(connection, null).findings()).noneMatch(f -> f.kind().equals("FILE_ALTERED"));
        }
        assertThat(downloadFile(sha, As.commune(THO_SON)).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void theSameNewFileUploadedTwiceAtOnceIsKeptOnceAndBothAreRecorded() throws Exception {
        byte[] report = ("%PDF-1.4\n% báo cáo " + System.nanoTime() + "\n%%EOF\n").getBytes(StandardCharsets.UTF_8);
        long keptBefore = kept(), eventsBefore = events();
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = two.submit(() -> upload("3.1", report, "bao-cao.pdf", As.commune(THO_SON)));
            var second = two.submit(() -> upload("3.2", report, "bao-cao.pdf", As.commune(THO_SON)));
            assertThat(first.get().getStatusCode().value()).as(first.get().getBody()).isEqualTo(201);
            assertThat(second.get().getStatusCode().value()).as(second.get().getBody()).isEqualTo(201);
        } finally {
            two.shutdown();
        }
        assertThat(kept()).isEqualTo(keptBefore + 1);
        assertThat(events()).isEqualTo(eventsBefore + 2);
    }

    @Test
    void aReplacementKeepsTheFileItReplaces() throws Exception {
        byte[] older = ("%PDF-1.4\n% ke hoach cu " + System.nanoTime() + "\n%%EOF\n").getBytes(StandardCharsets.UTF_8);
        byte[] newer = ("%PDF-1.4\n% ke hoach moi " + System.nanoTime() + "\n%%EOF\n").getBytes(StandardCharsets.UTF_8);
        assertThat(upload("4.1", older, "ke-hoach.pdf", As.commune(THO_SON)).getStatusCode().value()).isEqualTo(201);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_OCTET_STREAM);
        headers.setBearerAuth(TOKENS.token("can-bo-" + THO_SON, List.of("COMMUNE"), THO_SON));
        ResponseEntity<String> replaced = http.exchange(BASE + "/indicators/4.1/evidence-files?name={name}&replaces={sha}",
                HttpMethod.POST, new HttpEntity<>(newer, headers), String.class, "ke-hoach-2.pdf", sha256(older));
        assertThat(replaced.getStatusCode().value()).as(replaced.getBody()).isEqualTo(201);
        String newSha = sha256(newer);
        JsonNode files = eventually(() -> get(BASE + "/evidence-files", As.commune(THO_SON)),
                f -> f.toString().contains(newSha));
        for (JsonNode file : files) {
            if (file.path("sha256").asText().equals(sha256(older))) {
                assertThat(file.path("replacedAt").isNull()).as("taken off the indicator, kept").isFalse();
            }
        }
        assertThat(downloadFile(sha256(older), As.commune(THO_SON)).getBody()).as("what was shown stays provable").isEqualTo(older);
    }

    @Test
    void aFileAnnouncedOverTheLimitIsRefusedBeforeItIsRead() throws Exception {
        long keptBefore = kept(), eventsBefore = events();
        String token = TOKENS.token("can-bo-" + THO_SON, List.of("COMMUNE"), THO_SON);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + BASE + "/indicators/1.4/evidence-files?name=lon.pdf HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + token + "\r\nContent-Type: application/octet-stream\r\n"
                    + "Content-Length: " + (60L * 1024 * 1024) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(PDF);
            out.flush();
            socket.setSoTimeout(10_000);
            StringBuilder answer = new StringBuilder(); // read until the refusal is there (the rest is never sent)
            byte[] buffer = new byte[1024];
            int read;
            while (!answer.toString().contains("FILE_TOO_LARGE") && (read = socket.getInputStream().read(buffer)) > 0) {
                answer.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
            }
            assertThat(answer.toString()).startsWith("HTTP/1.1 413").contains("FILE_TOO_LARGE");
        }
        assertThat(kept()).isEqualTo(keptBefore);
        assertThat(events()).isEqualTo(eventsBefore);
    }

    @Test
    void anUploadCutOffMidwayLeavesNothing() throws Exception {
        long keptBefore = kept(), eventsBefore = events();
        String token = TOKENS.token("can-bo-" + THO_SON, List.of("COMMUNE"), THO_SON);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + BASE + "/indicators/1.4/evidence-files?name=cat.pdf HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + token + "\r\nContent-Type: application/octet-stream\r\n"
                    + "Content-Length: 100000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(PDF);
            out.flush();
        } // closed after a few hundred of the 100,000 bytes announced
        Thread.sleep(500);
        assertThat(kept()).isEqualTo(keptBefore);
        assertThat(events()).isEqualTo(eventsBefore);
    }
}
