package vn.thanhhoa.cds.query.reporting;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.infra.files.EvidenceStore;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A PDF's first page as a small PNG, rendered on the server with Apache PDFBox, so that the appraiser sees a scanned
 * decision without the browser opening the PDF itself (no third-party viewer). The document is read from a temporary
 * file with its caches on disk, and only its first page is drawn, at a resolution that keeps the image small.
 */
@Component
public class EvidencePreviews {
    /** Wide enough to read a decision's heading, small enough to stay a preview. */
    static final float DPI = 60;

    private final EvidenceStore store;

    public EvidencePreviews(EvidenceStore store) {
        this.store = store;
    }

    /** The first page as PNG bytes (a preview is small), or a problem when the PDF cannot be drawn. */
    public byte[] firstPageAsPng(String sha256) throws IOException {
        Path temp = Files.createTempFile("xem-truoc-", ".pdf");
        try {
            try (InputStream in = store.open(sha256)) {
                Files.copy(in, temp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            BufferedImage page;
            try (PDDocument document = Loader.loadPDF(temp.toFile(), IOUtils.createTempFileOnlyStreamCache())) {
                if (document.getNumberOfPages() == 0) {
                    throw unreadable();
                }
                page = new PDFRenderer(document).renderImageWithDPI(0, DPI, ImageType.RGB);
            } catch (IOException damaged) {
                throw unreadable();
            }
            java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
            ImageIO.write(page, "png", png);
            return png.toByteArray();
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static ProblemException unreadable() {
        return new ProblemException(ProblemKind.INVALID, "NO_PREVIEW", "sha256",
                "Không xem trước được tệp PDF này; hãy tải về để mở.", "This PDF cannot be previewed; download it.");
    }
}
