package vn.thanhhoa.cds.infra.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * Evidence in a directory (a shared volume every node mounts), by hash: {@code ab/abcdef…} holds the bytes and
 * {@code ab/abcdef….properties} their size and type. Written to a temporary name and moved into place, so a file is
 * either whole or absent. Unlike the database store it is not part of the command's transaction: a file whose command
 * was refused stays, unreferenced (the same bytes are kept once either way).
 */
public class FileSystemEvidenceStore implements EvidenceStore {
    private final Path root;

    public FileSystemEvidenceStore(Path root) {
        this.root = root;
    }

    @Override
    public void keep(StagedFile file) throws IOException {
        Path target = content(file.sha256());
        if (Files.exists(meta(file.sha256()))) {
            return;
        }
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling(file.sha256() + "." + UUID.randomUUID() + ".tmp");
        Files.copy(file.path(), temp);
        move(temp, target);
        Properties properties = new Properties();
        properties.setProperty("size", Long.toString(file.size()));
        properties.setProperty("mediaType", file.mediaType());
        Path tempMeta = target.resolveSibling(file.sha256() + "." + UUID.randomUUID() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tempMeta)) {
            properties.store(out, null);
        }
        move(tempMeta, meta(file.sha256()));
    }

    @Override
    public Optional<Kept> find(String sha256) {
        Path meta = meta(sha256);
        if (!Files.exists(meta)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(meta)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.of(new Kept(sha256, Long.parseLong(properties.getProperty("size")), properties.getProperty("mediaType")));
    }

    @Override
    public void copy(String sha256, OutputStream out) throws IOException {
        Files.copy(content(sha256), out);
    }

    @Override
    public InputStream open(String sha256) {
        try {
            return Files.newInputStream(content(sha256));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path content(String sha256) {
        if (!sha256.matches("[0-9a-f]{64}")) { // a hash names a file here: never a path
            throw new IllegalArgumentException("not a SHA-256: " + sha256);
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    private Path meta(String sha256) {
        return content(sha256).resolveSibling(sha256 + ".properties");
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException keptMeanwhile) {
            Files.deleteIfExists(from);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
