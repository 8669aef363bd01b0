package vn.thanhhoa.cds.infra.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where evidence files are kept: by the SHA-256 of their content, so the same bytes are kept once whoever attaches
 * them. Files are never deleted or replaced (a replacement is another file; what was shown stays provable). One
 * interface, so that a file-system store — or one apart for files of a personal nature — can stand in.
 */
public interface EvidenceStore {

    /** Keeps the staged file under its hash unless it is already kept; in the caller's transaction. */
    void keep(StagedFile file) throws IOException;

    /** What is kept under a hash: its size and type, if anything is. */
    Optional<Kept> find(String sha256);

    /** Writes the kept bytes to {@code out}, in pieces (never the whole file in memory). */
    void copy(String sha256, OutputStream out) throws IOException;

    /** The kept bytes as a stream, read in pieces. */
    InputStream open(String sha256);

    record Kept(String sha256, long size, String mediaType) {
    }

    /** A file received and checked, waiting in a temporary file to be kept. */
    record StagedFile(String sha256, long size, String mediaType, String name, Path path) {
    }
}
