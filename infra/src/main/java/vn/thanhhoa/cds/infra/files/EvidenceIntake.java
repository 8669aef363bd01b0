package vn.thanhhoa.cds.infra.files;

import org.apache.tika.Tika;
import vn.thanhhoa.cds.events.common.Limits;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;

/**
 * An evidence file on its way in: streamed to a temporary file while its SHA-256 and size are computed (never held
 * whole), then checked — not empty, not over the limit, a name without paths or control characters, a type told from
 * the content by Apache Tika that is allowed and that the name's extension agrees with (a PDF named .png is refused),
 * an office document that does not unpack to far more than it weighs. Refusals are problems in Vietnamese; the
 * temporary file is the caller's to delete ({@link #discard}).
 */
public class EvidenceIntake {
    /** Allowed types, as Tika tells them from the content, and the extensions each may be named with. */
    static final Map<String, java.util.Set<String>> ALLOWED = Map.of(
            "application/pdf", java.util.Set.of("pdf"),
            "image/png", java.util.Set.of("png"),
            "image/jpeg", java.util.Set.of("jpg", "jpeg"),
            "image/webp", java.util.Set.of("webp"),
            "application/x-tika-ooxml", java.util.Set.of("docx", "xlsx", "pptx"),
            "application/x-tika-msoffice", java.util.Set.of("doc", "xls", "ppt"));
    /** An office document may unpack to at most this many times its size, and never beyond 500 MiB. */
    static final int MAX_EXPANSION = 100;
    static final long MAX_UNPACKED = 500L * 1024 * 1024;
    private static final Pattern BAD_NAME = Pattern.compile("[/\\\\\\x00-\\x1F\\x7F-\\x9F\\u202A-\\u202E\\u2066-\\u2069]");

    private final Tika tika = new Tika();
    private final long maxBytes;

    public EvidenceIntake() {
        this(Limits.EVIDENCE_FILE_BYTES);
    }

    public EvidenceIntake(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * Reads the upload to its end. A body cut off midway ends in an IOException from the container: nothing is staged.
     *
     * @param name the file's name as the person's computer has it
     */
    public EvidenceStore.StagedFile stage(InputStream body, String name) throws IOException {
        String checkedName = checkedName(name);
        Path temp = Files.createTempFile("minh-chung-", ".bin");
        try {
            MessageDigest sha = sha256();
            long size;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha)) {
                size = copyAtMost(body, out);
            }
            if (size == 0) {
                throw invalid("EMPTY_FILE", "file", "Tệp rỗng.", "The file is empty.");
            }
            String type;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(temp))) {
                type = tika.detect(in); // from the bytes only: the name is not consulted
            }
            String extension = extension(checkedName);
            java.util.Set<String> extensions = ALLOWED.get(type);
            if (extensions == null) {
                throw new ProblemException(ProblemKind.INVALID, "TYPE_NOT_ALLOWED", "file",
                        "Loại tệp không được chấp nhận (" + type + "). Chỉ nhận PDF, ảnh PNG/JPEG/WebP và văn bản Word, Excel, PowerPoint.",
                        "File type " + type + " is not accepted: PDF, PNG/JPEG/WebP images and Office documents only.");
            }
            if (!extensions.contains(extension)) {
                throw new ProblemException(ProblemKind.INVALID, "TYPE_MISMATCH", "name",
                        "Nội dung tệp là " + type + ", không khớp với đuôi tên \"." + extension + "\".",
                        "The content is " + type + ", not what the name's extension \"." + extension + "\" says.");
            }
            if (type.equals("application/x-tika-ooxml")) {
                requireNoBomb(temp, size);
            }
            return new EvidenceStore.StagedFile(HexFormat.of().formatHex(sha.digest()), size, type, checkedName, temp);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    public static void discard(EvidenceStore.StagedFile file) {
        try {
            Files.deleteIfExists(file.path());
        } catch (IOException ignored) {
            // a temporary file the system will clear
        }
    }

    private long copyAtMost(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = in.read(buffer)) != -1) {
            total += read;
            if (total > maxBytes) {
                throw new ProblemException(ProblemKind.INVALID, "FILE_TOO_LARGE", "file",
                        "Tệp lớn hơn " + (maxBytes / (1024 * 1024)) + " MB.", "The file is larger than " + (maxBytes / (1024 * 1024)) + " MB.");
            }
            out.write(buffer, 0, read);
        }
        return total;
    }

    /**
     * Unpacks the document without keeping it, counting: a zip bomb stops the count, not the platform. Read through
     * the central directory, as Office reads it (entries hidden from a walk of the local headers are counted too).
     */
    private static void requireNoBomb(Path file, long size) {
        long limit = Math.min(MAX_UNPACKED, Math.max(size, 1) * MAX_EXPANSION);
        long unpacked = 0;
        byte[] buffer = new byte[64 * 1024];
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            java.util.Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                try (InputStream in = zip.getInputStream(entries.nextElement())) {
                    int read;
                    while ((read = in.read(buffer)) != -1) {
                        unpacked += read;
                        if (unpacked > limit) {
                            throw new ProblemException(ProblemKind.INVALID, "ZIP_BOMB", "file",
                                    "Tệp văn bản giải nén ra quá lớn so với kích thước tệp (nghi là tệp độc hại).",
                                    "The document unpacks to far more than its size (a zip bomb?).");
                        }
                    }
                }
            }
        } catch (IOException damaged) {
            throw new ProblemException(ProblemKind.INVALID, "DAMAGED_FILE", "file",
                    "Tệp văn bản bị hỏng, không đọc được.", "The document is damaged.");
        }
    }

    private static String checkedName(String name) {
        if (name == null || name.isBlank()) {
            throw invalid("MISSING_NAME", "name", "Cần tên tệp.", "The file's name is required.");
        }
        String trimmed = name.strip();
        if (trimmed.length() > 255 || BAD_NAME.matcher(trimmed).find() || trimmed.equals(".") || trimmed.equals("..")) {
            throw invalid("INVALID_NAME", "name",
                    "Tên tệp không hợp lệ: tối đa 255 ký tự, không chứa dấu / hoặc \\ hay ký tự điều khiển.",
                    "Invalid file name: at most 255 characters, no / or \\, no control characters.");
        }
        return trimmed;
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ProblemException invalid(String code, String field, String vi, String en) {
        return new ProblemException(ProblemKind.INVALID, code, field, vi, en);
    }
}
