package vn.thanhhoa.cds.query.reporting;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.thanhhoa.cds.infra.actor.Actor;
import vn.thanhhoa.cds.infra.files.EvidenceStore;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;
import vn.thanhhoa.cds.infra.validation.Bounded;
import vn.thanhhoa.cds.query.card.CardViews;
import vn.thanhhoa.cds.query.card.CommuneCards;
import vn.thanhhoa.cds.query.common.ReadScope;
import vn.thanhhoa.cds.query.common.Stored;
import vn.thanhhoa.cds.query.common.VietnameseFormat;
import vn.thanhhoa.cds.query.reference.Mandates;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import static vn.thanhhoa.cds.events.common.Bound.CODE;
import static vn.thanhhoa.cds.events.common.Bound.DOCUMENT_NUMBER;
import static vn.thanhhoa.cds.events.common.Bound.YEAR;

/**
 * An assessment's evidence files, read under the card's rules (the commune and its successors, its appraiser, those
 * who read the whole province). A download is served only after its bytes are hashed again and match the hash the
 * record names; it is an attachment, never rendered by the browser as a page (images alone may be previewed), and
 * noted in the access log the auditors read.
 */
@RestController
@RequestMapping("/api")
@Tag(name = "Minh chứng — evidence files")
public class EvidenceFileQueryController {
    /** Types a page may show inline as a preview: images only, never HTML or SVG; a PDF as its first page drawn. */
    private static final Set<String> PREVIEWABLE = Set.of("image/png", "image/jpeg", "image/webp", "application/pdf");
    private static final Set<String> IMAGES = Set.of("image/png", "image/jpeg", "image/webp");
    /** Types served as themselves; everything else as bytes. */
    private static final Set<String> SERVED_AS_IS = Set.of("application/pdf", "image/png", "image/jpeg", "image/webp");

    private final JdbcClient jdbc;
    private final CommuneCards cards;
    private final Mandates mandates;
    private final EvidenceStore store;
    private final EvidencePreviews previews;
    private final Clock clock;

    public EvidenceFileQueryController(JdbcClient jdbc, CommuneCards cards, Mandates mandates, EvidenceStore store,
                                       EvidencePreviews previews, Clock clock) {
        this.jdbc = jdbc;
        this.cards = cards;
        this.mandates = mandates;
        this.store = store;
        this.previews = previews;
        this.clock = clock;
    }

    /** @param replacedAt when a replacement took it off its indicator (it stays kept), or null */
    public record EvidenceFileView(String indicatorCode, String sha256, String name, long size, String mediaType,
                                   String attachedAt, String subject, String replacedAt, boolean previewable) {
    }

    @GetMapping("/communes/{code}/assessments/{year}/evidence-files")
    @Operation(summary = "Tệp minh chứng của hồ sơ — the assessment's evidence files by indicator (replaced ones marked)")
    public List<EvidenceFileView> files(@PathVariable @Bounded(CODE) String code, @PathVariable @Bounded(YEAR) int year,
                                        @RequestParam(required = false) LocalDate asOf, Actor actor) {
        CardViews.CommuneCard card = readable(code, year, asOf, actor);
        return jdbc.sql("""
                        select indicator_code, sha256, name, size, media_type, attached_at, subject, replaced_at
                        from q_evidence_file where assessment_id = :id order by indicator_code, attached_at""")
                .param("id", card.assessmentId())
                .query((rs, n) -> new EvidenceFileView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5), VietnameseFormat.dateTime(instant(rs.getObject(6, OffsetDateTime.class))),
                        rs.getString(7), VietnameseFormat.dateTime(instant(rs.getObject(8, OffsetDateTime.class))),
                        PREVIEWABLE.contains(rs.getString(5)))).list();
    }

    @GetMapping("/communes/{code}/assessments/{year}/evidence-files/{sha256}")
    @Operation(summary = "Tải tệp minh chứng — the file, its hash checked first (409 FILE_ALTERED when the kept bytes no "
            + "longer match the record); an attachment; preview=true: an image inline, a PDF's first page as a PNG")
    public void download(@PathVariable @Bounded(CODE) String code, @PathVariable @Bounded(YEAR) int year,
                         @PathVariable @Bounded(DOCUMENT_NUMBER) String sha256,
                         @RequestParam(required = false) LocalDate asOf,
                         @RequestParam(defaultValue = "false") boolean preview, Actor actor,
                         HttpServletResponse response) throws IOException, InterruptedException {
        CardViews.CommuneCard card = readable(code, year, asOf, actor);
        record Named(String name, String mediaType) {
        }
        Named file = jdbc.sql("""
                        select name, media_type from q_evidence_file where assessment_id = :id and sha256 = :sha
                        order by attached_at desc""")
                .param("id", card.assessmentId()).param("sha", sha256)
                .query((rs, n) -> new Named(rs.getString(1), rs.getString(2))).list().stream().findFirst()
                .orElseThrow(() -> new ProblemException(ProblemKind.NOT_FOUND, "UNKNOWN_FILE", "sha256",
                        "Hồ sơ không có tệp minh chứng này.", "The assessment has no such evidence file."));
        boolean pdfPreview = preview && file.mediaType().equals("application/pdf");
        byte[] drawn = pdfPreview ? previews.drawnBefore(sha256) : null; // drawn from bytes checked then
        EvidenceStore.Kept kept = store.find(sha256).orElse(null);
        if (drawn == null && kept == null) {
            // a query role reads its own database: the files are kept where the commands are, or in a shared directory
            log(sha256, card.assessmentId(), actor, "MISSING");
            throw new ProblemException(ProblemKind.CONFLICT, "FILE_MISSING", "sha256",
                    "Tệp minh chứng không có trong kho của máy chủ này (kho tệp dùng chung chưa được cấu hình, hoặc tệp đã bị xóa). Đã ghi nhận để thanh tra.",
                    "The file is not in this server's store (no shared store configured, or the file was removed). Logged for the auditors.");
        }
        if (drawn == null && !sha256.equals(hashOf(sha256))) {
            log(sha256, card.assessmentId(), actor, "ALTERED");
            throw new ProblemException(ProblemKind.CONFLICT, "FILE_ALTERED", "sha256",
                    "Tệp lưu trữ không còn khớp với mã băm đã ghi nhận; không thể cung cấp. Đã ghi nhận để thanh tra.",
                    "The kept file no longer matches the hash on record; it is not served. This is logged for the auditors.");
        }
        if (pdfPreview) {
            byte[] png = drawn != null ? drawn : previews.firstPageAsPng(sha256); // drawn before anything is sent
            log(sha256, card.assessmentId(), actor, "PREVIEWED");
            response.setContentType("image/png");
            neverRendered(response);
            response.setContentLength(png.length);
            try (OutputStream out = response.getOutputStream()) {
                out.write(png);
            }
            return;
        }
        log(sha256, card.assessmentId(), actor, "SERVED");
        boolean inline = preview && IMAGES.contains(file.mediaType());
        response.setContentType(SERVED_AS_IS.contains(file.mediaType()) ? file.mediaType() : "application/octet-stream");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, (inline ? ContentDisposition.inline() : ContentDisposition.attachment())
                .filename(file.name(), StandardCharsets.UTF_8).build().toString());
        neverRendered(response);
        response.setContentLengthLong(kept.size());
        try (OutputStream out = response.getOutputStream()) {
            store.copy(sha256, out);
        }
    }

    /** Never sniffed, never run as a page, never kept by a shared cache: whatever the bytes are. */
    private static void neverRendered(HttpServletResponse response) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", "default-src 'none'; sandbox");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-store");
    }

    public record Access(String sha256, String assessmentId, String subject, String role, String unit, String at,
                         String outcome) {
    }

    @GetMapping("/evidence-files/access-log")
    @Operation(summary = "Nhật ký tải minh chứng — who downloaded which evidence file, when (the province and auditors)")
    public List<Access> accessLog(@RequestParam @Bounded(DOCUMENT_NUMBER) String assessmentId, Actor actor) {
        if (!actor.reviewsTheRecord()) {
            throw new ProblemException(ProblemKind.FORBIDDEN, "OUT_OF_SCOPE", "actor",
                    "Nhật ký tải minh chứng dành cho cấp tỉnh và thanh tra.", "The access log is for the province and auditors.");
        }
        return jdbc.sql("""
                        select sha256, assessment_id, subject, role, unit, at, outcome from evidence_access
                        where assessment_id = :id order by at, id""").param("id", assessmentId)
                .query((rs, n) -> new Access(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), VietnameseFormat.dateTime(instant(rs.getObject(6, OffsetDateTime.class))),
                        rs.getString(7))).list();
    }

    private CardViews.CommuneCard readable(String code, int year, LocalDate asOf, Actor actor) {
        CardViews.CommuneCard card = cards.communeCard(code, year, asOf);
        ReadScope.card(actor, mandates.of(actor), card.commune(), card.district());
        return card;
    }

    /** The kept bytes hashed again, read in pieces. */
    private String hashOf(String sha256) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new DigestInputStream(store.open(sha256), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private void log(String sha256, String assessmentId, Actor actor, String outcome) {
        jdbc.sql("""
                        insert into evidence_access (sha256, assessment_id, subject, role, unit, at, outcome)
                        values (:sha, :id, :subject, :role, :unit, :at, :outcome)""")
                .param("sha", sha256).param("id", assessmentId).param("subject", actor.subject())
                .param("role", actor.roles().stream().map(Enum::name).sorted().reduce((a, b) -> a + "," + b).orElse("-"))
                .param("unit", actor.unit() == null ? "-" : actor.unit()).param("at", Stored.time(clock.instant()))
                .param("outcome", outcome).update();
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
