package vn.thanhhoa.cds.query.reporting;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.infra.files.EvidenceStore;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A PDF's first page as a small PNG, rendered on the server with Apache PDFBox, so that the appraiser sees a scanned
 * decision without the browser opening the PDF itself (no third-party viewer). A PDF comes from the public: it is read
 * from a temporary file with its caches on disk, only its first page is drawn, at a scale that keeps the image under
 * two million pixels whatever size the page claims, one at a time per node; the image is kept for the next viewer
 * (the bytes behind a hash never change).
 */
@Component
public class EvidencePreviews {
    /** Wide enough to read a decision's heading, small enough to stay a preview. */
    static final float DPI = 60;
    static final double MAX_PIXELS = 2_000_000;
    private static final int KEPT = 64;

    private final EvidenceStore store;
    private final Semaphore rendering = new Semaphore(1);
    private final Map<String, byte[]> drawn = new LinkedHashMap<>(KEPT, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > KEPT;
        }
    };

    public EvidencePreviews(EvidenceStore store) {
        this.store = store;
    }

    /** The preview already drawn for these bytes, if any. */
    public synchronized byte[] drawnBefore(String sha256) {
        return drawn.get(sha256);
    }

    /** The first page as PNG bytes, or a problem when the PDF cannot be drawn. */
    public byte[] firstPageAsPng(String sha256) throws IOException, InterruptedException {
        byte[] before = drawnBefore(sha256);
        if (before != null) {
            return before;
        }
        if (!rendering.tryAcquire(20, TimeUnit.SECONDS)) {
            throw new ProblemException(ProblemKind.TOO_MANY, "BUSY", "sha256",
                    "Máy chủ đang bận tạo ảnh xem trước; thử lại sau.", "Previews are busy; try again shortly.");
        }
        Path temp = Files.createTempFile("xem-truoc-", ".pdf");
        try {
            try (InputStream in = store.open(sha256)) {
                Files.copy(in, temp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            byte[] png = render(temp);
            synchronized (this) {
                drawn.put(sha256, png);
            }
            return png;
        } finally {
            Files.deleteIfExists(temp);
            rendering.release();
        }
    }

    private static byte[] render(Path pdf) throws IOException {
        BufferedImage page;
        try (PDDocument document = Loader.loadPDF(pdf.toFile(), IOUtils.createTempFileOnlyStreamCache())) {
            if (document.getNumberOfPages() == 0) {
                throw unreadable();
            }
            PDRectangle box = document.getPage(0).getCropBox();
            if (!(box.getWidth() > 0 && box.getHeight() > 0)) {
                throw unreadable();
            }
            float scale = DPI / 72f;
            double pixels = (double) box.getWidth() * scale * box.getHeight() * scale;
            if (pixels > MAX_PIXELS) {
                scale *= (float) Math.sqrt(MAX_PIXELS / pixels);
            }
            page = new PDFRenderer(document).renderImage(0, scale, ImageType.RGB);
        } catch (IOException | RuntimeException damaged) {
            if (damaged instanceof ProblemException problem) {
                throw problem;
            }
            throw unreadable();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(page, "png", png);
        return png.toByteArray();
    }

    private static ProblemException unreadable() {
        return new ProblemException(ProblemKind.INVALID, "NO_PREVIEW", "sha256",
                "Không xem trước được tệp PDF này; hãy tải về để mở.", "This PDF cannot be previewed; download it.");
    }
}
