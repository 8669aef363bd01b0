package vn.thanhhoa.cds.infra.work;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;

/**
 * The requests whose work grows with the whole store — walking it, proving against it, exporting the history,
 * replaying it as it stood at an instant — run a few at a time per node; beyond, 429 with Retry-After, so that no
 * one (a commune officer asking for a past card included) can fill the node with them.
 */
@Component
public class BoundedWork {
    public enum Kind {
        /** /api/integrity/verification: walks every event (cds.bounded-work.verification, default 1) */
        VERIFICATION("kiểm tra toàn vẹn", "integrity verification"),
        /** consistency and inclusion proofs: read every leaf up to a checkpoint (cds.bounded-work.proofs, 2) */
        PROOF("bằng chứng Merkle", "Merkle proofs"),
        /** the history exported whole as CSV or xlsx (cds.bounded-work.exports, 2) */
        EXPORT("xuất lịch sử", "history exports"),
        /** a card or dashboard as known at an instant: a scratch store each (cds.bounded-work.known-at, 2) */
        KNOWN_AT("xem theo thời điểm", "views as known at an instant"),
        /** the meeting report laid out as PDF: a whole document in memory (cds.bounded-work.reports, 1) */
        REPORT("tạo báo cáo PDF", "PDF reports");

        private final String vi;
        private final String en;

        Kind(String vi, String en) {
            this.vi = vi;
            this.en = en;
        }
    }

    static final int RETRY_AFTER_SECONDS = 5;
    private final Map<Kind, Semaphore> permits = new EnumMap<>(Kind.class);
    private final Map<Kind, Integer> limits = new EnumMap<>(Kind.class);

    public BoundedWork(@Value("${cds.bounded-work.verification:1}") int verification,
                       @Value("${cds.bounded-work.proofs:2}") int proofs,
                       @Value("${cds.bounded-work.exports:2}") int exports,
                       @Value("${cds.bounded-work.known-at:2}") int knownAt,
                       @Value("${cds.bounded-work.reports:1}") int reports) {
        limit(Kind.VERIFICATION, verification);
        limit(Kind.PROOF, proofs);
        limit(Kind.EXPORT, exports);
        limit(Kind.KNOWN_AT, knownAt);
        limit(Kind.REPORT, reports);
    }

    private void limit(Kind kind, int count) {
        permits.put(kind, new Semaphore(Math.max(1, count)));
        limits.put(kind, Math.max(1, count));
    }

    /** Runs the work if a place is free, else refuses at once with 429. */
    public <T> T run(Kind kind, Callable<T> work) throws Exception {
        try (Held held = hold(kind)) {
            return work.call();
        }
    }

    /** A place held until closed; refused with 429 when none is free. */
    public Held hold(Kind kind) {
        Semaphore semaphore = permits.get(kind);
        if (!semaphore.tryAcquire()) {
            throw new ProblemException(ProblemKind.TOO_MANY, "BUSY_" + kind.name(), null,
                    "Máy chủ đang thực hiện đủ " + limits.get(kind) + " yêu cầu " + kind.vi + " cùng lúc; hãy thử lại sau "
                            + RETRY_AFTER_SECONDS + " giây.",
                    "The node runs " + limits.get(kind) + " " + kind.en + " at a time already; retry in "
                            + RETRY_AFTER_SECONDS + " s.",
                    Map.of("retryAfterSeconds", RETRY_AFTER_SECONDS));
        }
        return semaphore::release;
    }

    /** A held place: released once, on close. */
    @FunctionalInterface
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }
}
