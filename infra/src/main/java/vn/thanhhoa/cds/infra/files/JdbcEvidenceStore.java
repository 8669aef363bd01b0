package vn.thanhhoa.cds.infra.files;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.util.Enumeration;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Evidence in the database, so every role and node reads the same: a row per file and its content in pieces of 1 MiB
 * (PostgreSQL and H2 alike; a piece at a time in memory, on the way in and on the way out).
 */
public class JdbcEvidenceStore implements EvidenceStore {
    static final int PIECE = 1024 * 1024;

    private final JdbcClient jdbc;
    /** The file's row is inserted under a savepoint: a duplicate key must not abort the caller's transaction. */
    private final TransactionTemplate savepoint;

    public JdbcEvidenceStore(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @Override
    public void keep(StagedFile file) throws IOException {
        if (find(file.sha256()).isPresent()) {
            return;
        }
        // two uploads of the same bytes at once: the second waits on the first's row, then finds it there
        Boolean first = savepoint.execute(status -> {
            try {
                jdbc.sql("insert into evidence_file (sha256, size, media_type, kept_at) values (:sha, :size, :type, current_timestamp)")
                        .param("sha", file.sha256()).param("size", file.size()).param("type", file.mediaType()).update();
                return true;
            } catch (DuplicateKeyException keptMeanwhile) {
                status.setRollbackOnly();
                return false;
            }
        });
        if (!Boolean.TRUE.equals(first)) {
            return;
        }
        try (InputStream in = Files.newInputStream(file.path())) {
            byte[] piece = new byte[PIECE];
            int position = 0;
            int read;
            while ((read = in.readNBytes(piece, 0, PIECE)) > 0) {
                byte[] bytes = read == PIECE ? piece : java.util.Arrays.copyOf(piece, read);
                jdbc.sql("insert into evidence_piece (sha256, position, bytes) values (:sha, :position, :bytes)")
                        .param("sha", file.sha256()).param("position", position++).param("bytes", bytes).update();
            }
        }
    }

    @Override
    public Optional<Kept> find(String sha256) {
        return jdbc.sql("select sha256, size, media_type from evidence_file where sha256 = :sha").param("sha", sha256)
                .query((rs, n) -> new Kept(rs.getString(1), rs.getLong(2), rs.getString(3))).optional();
    }

    @Override
    public void copy(String sha256, OutputStream out) throws IOException {
        int pieces = pieces(sha256);
        for (int position = 0; position < pieces; position++) {
            out.write(piece(sha256, position));
        }
    }

    @Override
    public InputStream open(String sha256) {
        int pieces = pieces(sha256);
        return new SequenceInputStream(new Enumeration<>() {
            private int position;

            @Override
            public boolean hasMoreElements() {
                return position < pieces;
            }

            @Override
            public InputStream nextElement() {
                if (position >= pieces) {
                    throw new NoSuchElementException();
                }
                return new ByteArrayInputStream(piece(sha256, position++));
            }
        });
    }

    private int pieces(String sha256) {
        return jdbc.sql("select count(*) from evidence_piece where sha256 = :sha").param("sha", sha256)
                .query(Integer.class).single();
    }

    private byte[] piece(String sha256, int position) {
        return jdbc.sql("select bytes from evidence_piece where sha256 = :sha and position = :position")
                .param("sha", sha256).param("position", position).query(byte[].class).single();
    }
}
