package vn.thanhhoa.cds.infra.integrity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.thanhhoa.cds.infra.actor.Actor;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;
import vn.thanhhoa.cds.infra.validation.Bounded;
import vn.thanhhoa.cds.infra.work.BoundedWork;

import static vn.thanhhoa.cds.events.common.Bound.IDENTIFIER;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * For auditors (and the province): verify the whole store, read the signed checkpoints, and ask for the proofs that
 * today's log extends a checkpoint they kept, or holds one event. The public key is public.
 */
@RestController
@RequestMapping("/api/integrity")
@Tag(name = "Toàn vẹn dữ liệu — integrity of the event store (auditors)")
public class IntegrityController {
    private final DataSource dataSource;
    private final IntegrityKeys keys;
    private final BoundedWork work;
    private final VerificationJobs jobs;
    /** How long a GET of the verification waits for the report before it answers with the job. */
    private static final java.time.Duration WAIT_FOR_VERIFICATION = java.time.Duration.ofSeconds(20);

    public IntegrityController(DataSource dataSource, ObjectProvider<IntegrityKeys> keys, BoundedWork work,
                               VerificationJobs jobs) {
        this.dataSource = dataSource;
        this.keys = keys.getIfAvailable();
        this.work = work;
        this.jobs = jobs;
    }

    public record Consistency(long from, long to, String fromRoot, String toRoot, List<String> proof) {
    }

    /** @param leaf the leaf's value: EventHash.of(eventHash, the event's fields), recomputable from the event's row */
    public record Inclusion(String eventIdentifier, String leaf, long leafIndex, long treeSize, String root,
                            List<String> proof) {
    }

    @GetMapping("/verification")
    @Operation(summary = "Kiểm tra toàn bộ kho sự kiện — every event against its hash chain, every checkpoint against the "
            + "log: the report when the check ends within 20 s, else 202 with the job to follow (Location)")
    public ResponseEntity<?> verify(Actor actor) throws InterruptedException {
        requireAuditor(actor);
        VerificationJobs.Job job = jobs.start(actor.subject());
        long until = System.nanoTime() + WAIT_FOR_VERIFICATION.toNanos();
        while (job.state() == VerificationJobs.State.RUNNING && System.nanoTime() < until) {
            Thread.sleep(100);
            job = jobs.find(job.id()).orElseThrow();
        }
        if (job.state() == VerificationJobs.State.DONE) {
            return ResponseEntity.ok(job.report());
        }
        return accepted(job);
    }

    @PostMapping("/verifications")
    @Operation(summary = "Bắt đầu kiểm tra toàn vẹn — start a verification of the whole store in the background (202, Location)")
    public ResponseEntity<VerificationJobs.Job> startVerification(Actor actor) {
        requireAuditor(actor);
        return accepted(jobs.start(actor.subject()));
    }

    @GetMapping("/verifications/{id}")
    @Operation(summary = "Tiến độ kiểm tra toàn vẹn — a verification's progress (events checked of the total) and its report")
    public VerificationJobs.Job verification(@PathVariable @Bounded(IDENTIFIER) String id, Actor actor) {
        requireAuditor(actor);
        return jobs.find(id).orElseThrow(() -> new ProblemException(ProblemKind.NOT_FOUND, "NO_SUCH_VERIFICATION", "id",
                "Không có lần kiểm tra toàn vẹn " + id + ".", "No verification " + id + "."));
    }

    private static ResponseEntity<VerificationJobs.Job> accepted(VerificationJobs.Job job) {
        return ResponseEntity.accepted().location(java.net.URI.create("/api/integrity/verifications/" + job.id()))
                .header("Retry-After", "5").body(job);
    }

    @GetMapping("/checkpoints")
    @Operation(summary = "Các điểm niêm phong đã ký — the signed checkpoints (tree size, last global index, Merkle root)")
    public List<Checkpoints.Checkpoint> checkpoints(Actor actor) throws SQLException {
        requireAuditor(actor);
        try (Connection connection = dataSource.getConnection()) {
            return Checkpoints.all(connection);
        }
    }

    @GetMapping("/consistency")
    @Operation(summary = "Bằng chứng nhất quán — that the checkpoint of size `to` extends the one of size `from` (RFC 6962)")
    public Consistency consistency(@RequestParam long from, @RequestParam long to, Actor actor) throws SQLException {
        requireAuditor(actor);
        try (BoundedWork.Held held = work.hold(BoundedWork.Kind.PROOF); Connection connection = dataSource.getConnection()) {
            List<Checkpoints.Checkpoint> sealed = Checkpoints.all(connection);
            Checkpoints.Checkpoint newer = sealed.stream().filter(c -> c.treeSize() == to).findFirst()
                    .orElseThrow(() -> noCheckpoint(to));
            if (from <= 0 || from > to) {
                throw new ProblemException(ProblemKind.INVALID, "INVALID_TREE_SIZE", "from",
                        "Cần 0 < from ≤ to.", "from must be above 0 and at most to.");
            }
            // a proof between signed checkpoints comes from what was sealed (the stored subtrees), and the leaves it
            // reads from today's log must still give it: where they do not, that is the finding, never a proof
            SealedTree tree = SealedTree.of(connection, newer);
            return sealed(() -> {
                requireSignedRoot(tree, newer);
                for (Checkpoints.Checkpoint older : sealed) {
                    if (older.treeSize() == from) {
                        requireSignedRoot(tree, older);
                    }
                }
                return new Consistency(from, to, tree.root(from), tree.root(to), MerkleTree.consistency(tree, from, to));
            }, newer);
        }
    }

    @GetMapping("/inclusion")
    @Operation(summary = "Bằng chứng có mặt — that one event is in the checkpoint of size `treeSize` (RFC 6962)")
    public Inclusion inclusion(@RequestParam String eventIdentifier, @RequestParam long treeSize, Actor actor) throws SQLException {
        requireAuditor(actor);
        try (BoundedWork.Held held = work.hold(BoundedWork.Kind.PROOF); Connection connection = dataSource.getConnection()) {
            Checkpoints.Checkpoint sealed = Checkpoints.all(connection).stream().filter(c -> c.treeSize() == treeSize)
                    .findFirst().orElseThrow(() -> noCheckpoint(treeSize));
            long globalIndex;
            String leaf;
            try (PreparedStatement select = connection.prepareStatement("""
                    select d.globalIndex, d.eventHash, d.eventIdentifier, d.aggregateIdentifier, d.type, d.timeStamp,
                           d.payloadType, d.payloadRevision, d.payload, d.metaData
                    from domainevententry d where d.eventIdentifier = ? and d.globalIndex <= ?""")) {
                select.setString(1, eventIdentifier);
                select.setLong(2, sealed.lastGlobalIndex());
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        throw notSealed(eventIdentifier, treeSize);
                    }
                    globalIndex = row.getLong(1);
                    leaf = EventHash.of(row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                            row.getString(6), row.getString(7), row.getString(8), row.getString(9), row.getString(10));
                }
            }
            SealedTree tree = SealedTree.of(connection, sealed);
            long index = tree.leafIndex(globalIndex);
            if (index < 0) {
                throw notSealed(eventIdentifier, treeSize);
            }
            return sealed(() -> {
                requireSignedRoot(tree, sealed);
                List<String> proof = MerkleTree.inclusion(tree, index, treeSize);
                // the event's block was read from today's log and checked against what was sealed; its leaf too
                if (!MerkleTree.verifyInclusion(leaf, index, treeSize, sealed.root(), proof)) {
                    throw new SealedTree.Mismatch(globalIndex - 1, globalIndex);
                }
                return new Inclusion(eventIdentifier, leaf, index, treeSize, sealed.root(), proof);
            }, sealed);
        }
    }

    private static ProblemException notSealed(String eventIdentifier, long treeSize) {
        return new ProblemException(ProblemKind.NOT_FOUND, "EVENT_NOT_SEALED", "eventIdentifier",
                "Không có sự kiện này trong điểm niêm phong " + treeSize + ".",
                "No such event in the checkpoint of size " + treeSize + ".");
    }

    /** A proof, or — where the events it reads from today's log are not those that were sealed — the finding. */
    private static <T> T sealed(java.util.function.Supplier<T> proof, Checkpoints.Checkpoint checkpoint) {
        try {
            return proof.get();
        } catch (SealedTree.Mismatch altered) {
            throw mismatch(checkpoint, "#" + (altered.after + 1) + "…#" + altered.upTo);
        }
    }

    @GetMapping(path = "/public-key", produces = MediaType.TEXT_PLAIN_VALUE)
    @Operation(summary = "Khóa công khai Ed25519 của tỉnh — the key that verifies the checkpoints (PEM)")
    public String publicKey() {
        if (keys == null) {
            throw new ProblemException(ProblemKind.NOT_FOUND, "NO_CHECKPOINT_KEY", null,
                    "Chưa cấu hình khóa niêm phong (cds.integrity.key-file).", "No checkpoint key is configured.");
        }
        return keys.publicPem();
    }

    private static void requireSignedRoot(SealedTree tree, Checkpoints.Checkpoint checkpoint) {
        String today = tree.root(checkpoint.treeSize());
        if (!today.equalsIgnoreCase(checkpoint.root())) {
            throw mismatch(checkpoint, today);
        }
    }

    /** @param found what today's log gives instead: its root, or the range of events that are not what was sealed */
    private static ProblemException mismatch(Checkpoints.Checkpoint checkpoint, String found) {
        return new ProblemException(ProblemKind.CONFLICT, "CHECKPOINT_MISMATCH", "treeSize",
                "Nhật ký hôm nay không còn cho gốc Merkle đã ký của điểm niêm phong cỡ " + checkpoint.treeSize()
                        + " (niêm phong lúc " + checkpoint.sealedAt() + "): sự kiện đã bị thay đổi, xóa hoặc đổi chỗ sau khi "
                        + "niêm phong. /api/integrity/verification chỉ ra sự kiện nào.",
                "Today's log no longer gives the signed root of the checkpoint of size " + checkpoint.treeSize()
                        + ": events were altered, removed or moved after it was sealed; /api/integrity/verification names them.",
                Map.of("treeSize", checkpoint.treeSize(), "signedRoot", checkpoint.root(), "foundToday", found));
    }

    private static ProblemException noCheckpoint(long size) {
        return new ProblemException(ProblemKind.NOT_FOUND, "NO_SUCH_CHECKPOINT", "treeSize",
                "Không có điểm niêm phong cỡ " + size + ".", "No checkpoint of size " + size + ".");
    }

    private static void requireAuditor(Actor actor) {
        if (!actor.reviewsTheRecord()) {
            throw new ProblemException(ProblemKind.FORBIDDEN, "AUDITORS_ONLY", "actor",
                    "Chỉ thanh tra, kiểm toán và cấp tỉnh được kiểm tra toàn vẹn dữ liệu.",
                    "Only auditors and the province may check the store's integrity.");
        }
    }
}
