package vn.thanhhoa.cds.command.assessment;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.thanhhoa.cds.command.assessment.AssessmentCommands.AttachEvidenceFile;
import vn.thanhhoa.cds.events.assessment.AssessmentId;
import vn.thanhhoa.cds.events.assessment.EvidenceFile;
import vn.thanhhoa.cds.infra.actor.Actor;
import vn.thanhhoa.cds.infra.actor.CommandDispatcher;
import vn.thanhhoa.cds.infra.files.EvidenceIntake;
import vn.thanhhoa.cds.infra.files.EvidenceStore;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;
import vn.thanhhoa.cds.infra.validation.Bounded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.LocalDate;
import java.util.Map;

import static vn.thanhhoa.cds.events.common.Bound.YEAR;

/**
 * Evidence files, uploaded as the request's body (the file's bytes, any content type; its name in {@code name}):
 * streamed to a temporary file while hashed, checked (EvidenceIntake), then kept and recorded in one transaction —
 * the content under its hash and the event naming it — or neither.
 */
@RestController
@RequestMapping("/api/communes/{code}/assessments")
@Tag(name = "Đánh giá xã (lệnh) — assessment commands")
public class EvidenceFileController {
    private final CommandDispatcher commands;
    private final AssessmentsByCode assessments;
    private final EvidenceIntake intake;
    private final EvidenceStore store;
    private final TransactionTemplate transactions;

    public EvidenceFileController(CommandDispatcher commands, AssessmentsByCode assessments, EvidenceIntake intake,
                                  EvidenceStore store, TransactionTemplate transactions) {
        this.commands = commands;
        this.assessments = assessments;
        this.intake = intake;
        this.store = store;
        this.transactions = transactions;
    }

    public record Attached(String sha256, long size, String mediaType, String name) {
    }

    @PostMapping("/{year}/indicators/{indicatorCode}/evidence-files")
    @Operation(summary = "Đính kèm tệp minh chứng — attach a file of evidence to an indicator (PDF, PNG/JPEG/WebP, Office; "
            + "the body is the file; name=…; replaces=<sha256> to replace one); the same bytes are kept once")
    public ResponseEntity<Attached> attach(@PathVariable String code, @PathVariable @Bounded(YEAR) int year,
                                           @PathVariable String indicatorCode, @RequestParam(required = false) String name,
                                           @RequestParam(required = false) String replaces,
                                           @RequestParam(required = false) LocalDate asOf, Actor actor, HttpServletRequest request,
                                           @RequestHeader(value = "Idempotency-Key", required = false) String key) throws IOException {
        if (!actor.has(Actor.Role.COMMUNE)) { // before reading a byte: only a commune attaches its evidence
            throw new ProblemException(ProblemKind.FORBIDDEN, "NOT_THIS_COMMUNE", "actor",
                    "Chỉ UBND xã được đính kèm minh chứng của xã mình.", "Only the commune attaches its own evidence.");
        }
        AssessmentId id = assessments.assessment(code, year, asOf, "code");
        EvidenceStore.StagedFile staged = intake.stage(request.getInputStream(), name);
        try {
            EvidenceFile file = new EvidenceFile(staged.sha256(), staged.size(), staged.mediaType(), staged.name());
            transactions.executeWithoutResult(status -> {
                try {
                    store.keep(staged);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                commands.send(new AttachEvidenceFile(id, indicatorCode, file, blankToNull(replaces), commands.actedBy(actor)),
                        actor, key, Map.of("path", "evidence/" + id + "/" + indicatorCode, "sha256", staged.sha256(),
                                "name", staged.name(), "replaces", String.valueOf(replaces)));
            });
            return ResponseEntity.created(URI.create("/api/communes/" + code + "/assessments/" + year + "/evidence-files/"
                    + staged.sha256())).body(new Attached(staged.sha256(), staged.size(), staged.mediaType(), staged.name()));
        } finally {
            EvidenceIntake.discard(staged);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
