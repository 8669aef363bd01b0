package vn.thanhhoa.cds.command.assessment;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.thanhhoa.cds.command.assessment.AssessmentCommands.DecideOnProposal;
import vn.thanhhoa.cds.command.assessment.AssessmentCommands.ProposeForRecognition;
import vn.thanhhoa.cds.command.assessment.AssessmentRequests.Document;
import vn.thanhhoa.cds.command.assessment.AssessmentRequests.Outcome;
import vn.thanhhoa.cds.command.assessment.AssessmentRequests.Proposal;
import vn.thanhhoa.cds.command.assessment.AssessmentRequests.ProposalDecision;
import vn.thanhhoa.cds.events.assessment.AssessmentId;
import vn.thanhhoa.cds.events.common.DocumentRef;
import vn.thanhhoa.cds.infra.actor.Actor;
import vn.thanhhoa.cds.infra.actor.CommandDispatcher;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The province's acts that name many communes: the department's proposal (tờ trình) and the chairman's decision over
 * it. Each is one command, recorded whole or not at all; communes are named by code on the year's map.
 */
@RestController
@RequestMapping("/api")
@Tag(name = "Đề nghị và quyết định công nhận — proposals and the chairman's decisions")
public class RecognitionActsController {
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final CommandDispatcher commands;
    private final AssessmentsByCode assessments;

    public RecognitionActsController(CommandDispatcher commands, AssessmentsByCode assessments) {
        this.commands = commands;
        this.assessments = assessments;
    }

    @PostMapping("/recognition-proposals")
    @Operation(summary = "Tờ trình đề nghị công nhận — the department proposes reviewed communes to the chairman")
    public ResponseEntity<Map<String, Object>> propose(@Valid @RequestBody Proposal body, Actor actor,
                                                       @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key) {
        int year = year(body.year());
        DocumentRef proposal = Document.toRef(body.document(), "document");
        List<String> codes = body.communes() == null ? List.of() : body.communes();
        List<AssessmentId> listed = IntStream.range(0, codes.size())
                .mapToObj(i -> assessments.assessment(codes.get(i), year, null, "communes[" + i + "]")).toList();
        commands.send(new ProposeForRecognition(year, proposal, listed, commands.actedBy(actor)), actor, key,
                Map.of("path", "propose/" + year, "body", body));
        return ResponseEntity.ok(Map.of("proposal", proposal.number(), "communes", listed.size()));
    }

    @PostMapping("/recognition-decisions")
    @Operation(summary = "Quyết định công nhận theo tờ trình — the chairman recognises or declines each proposed commune in one decision")
    public ResponseEntity<Map<String, Object>> decide(@Valid @RequestBody ProposalDecision body, Actor actor,
                                                      @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key) {
        int year = year(body.year());
        DocumentRef decision = Document.toRef(body.document(), "document");
        List<Outcome> outcomes = body.outcomes() == null ? List.of() : body.outcomes();
        List<DecideOnProposal.Outcome> decided = IntStream.range(0, outcomes.size()).mapToObj(i -> {
            Outcome outcome = outcomes.get(i);
            if (outcome == null || outcome.recognised() == null) {
                throw new ProblemException(ProblemKind.INVALID, "MISSING_OUTCOME", "outcomes[" + i + "].recognised",
                        "Cần nêu công nhận hay không công nhận.", "recognised (true/false) is required.");
            }
            return new DecideOnProposal.Outcome(assessments.assessment(outcome.code(), year, null, "outcomes[" + i + "].code"),
                    outcome.recognised(), outcome.reason());
        }).toList();
        commands.send(new DecideOnProposal(year, body.proposalNumber() == null ? null : body.proposalNumber().trim(),
                decision, decided, commands.actedBy(actor)), actor, key, Map.of("path", "decide/" + year, "body", body));
        return ResponseEntity.ok(Map.of("decision", decision.number(),
                "recognised", decided.stream().filter(DecideOnProposal.Outcome::recognised).count(),
                "declined", decided.stream().filter(o -> !o.recognised()).count()));
    }

    private static int year(Integer year) {
        if (year == null) {
            throw new ProblemException(ProblemKind.INVALID, "INVALID_YEAR", "year", "Cần năm đánh giá.", "The year is required.");
        }
        return year;
    }
}
