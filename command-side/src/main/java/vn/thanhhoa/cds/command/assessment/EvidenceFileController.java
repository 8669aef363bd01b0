package vn.thanhhoa.cds.command.assessment;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.thanhhoa.cds.command.assessment.AssessmentCommands.AttachEvidenceFile;
import vn.thanhhoa.cds.events.assessment.AssessmentId;
import vn.thanhhoa.cds.events.assessment.EvidenceFile;
import vn.thanhhoa.cds.command.authority.Authority;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.infra.actor.Actor;
import vn.thanhhoa.cds.infra.actor.CommandDispatcher;
import vn.thanhhoa.cds.infra.files.EvidenceIntake;
import vn.thanhhoa.cds.infra.files.EvidenceStore;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;
import vn.thanhhoa.cds.infra.validation.Bounded;

import java.io.IOException;
import java.net.URI;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static vn.thanhhoa.cds.events.common.Bound.YEAR;

/**
 * Evidence files, uploaded as the request's body (the file's bytes, any content type; its name in {@code name}):
 * the sender must be the commune itself (checked before a byte is read); the body is streamed to a temporary file
 * while hashed and checked (EvidenceIntake), then kept and recorded in one unit of work — the content under its hash
 * and the event naming it — or neither (EvidenceKeeping).
 */
@RestController
@RequestMapping("/api/communes/{code}/assessments")
@Tag(name = "Đánh giá xã (lệnh) — assessment commands")
public class EvidenceFileController {
    private final CommandDispatcher commands;
    private final AssessmentsByCode assessments;
    private final EvidenceIntake intake;
    private final MapFacts map;
    /** Uploads read at once on this node: each holds a temporary file and a thread while it is read. */
    private final Semaphore uploads = new Semaphore(8);

    public EvidenceFileController(CommandDispatcher commands, AssessmentsByCode assessments, EvidenceIntake intake, MapFacts map) {
        this.commands = commands;
        this.assessments = assessments;
        this.intake = intake;
        this.map = map;
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
                                           @RequestHeader(value = "Idempotency-Key", required = false) String key)
            throws IOException, InterruptedException {
        AssessmentId id = assessments.assessment(code, year, asOf, "code");
        ActedBy actedBy = commands.actedBy(actor);
        // before reading a byte: a commune attaches only its own evidence
        Authority.requireCommuneItself(actedBy, id.commune(), map);
        if (!uploads.tryAcquire(30, TimeUnit.SECONDS)) {
            throw new ProblemException(ProblemKind.TOO_MANY, "BUSY", "file",
                    "Máy chủ đang nhận nhiều tệp; vui lòng thử lại sau ít phút.", "Too many uploads at once; try again shortly.");
        }
        try {
            EvidenceStore.StagedFile staged = intake.stage(request.getInputStream(), name);
            try {
                EvidenceFile file = new EvidenceFile(staged.sha256(), staged.size(), staged.mediaType(), staged.name());
                // kept with the event, in the command's own unit of work (EvidenceKeeping)
                commands.send(new AttachEvidenceFile(id, indicatorCode, file, blankToNull(replaces), actedBy), actor, key,
                        Map.of("path", "evidence/" + id + "/" + indicatorCode, "sha256", staged.sha256(),
                                "name", staged.name(), "replaces", String.valueOf(replaces)),
                        Map.of(EvidenceKeeping.STAGED, staged.path().toString()));
                return ResponseEntity.created(URI.create("/api/communes/" + code + "/assessments/" + year + "/evidence-files/"
                        + staged.sha256())).body(new Attached(staged.sha256(), staged.size(), staged.mediaType(), staged.name()));
            } finally {
                EvidenceIntake.discard(staged);
            }
        } finally {
            uploads.release();
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
