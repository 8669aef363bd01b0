package vn.thanhhoa.cds.command.assessment;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import vn.thanhhoa.cds.command.assessment.AssessmentCommands.DecideOnProposal;
import vn.thanhhoa.cds.command.assessment.AssessmentCommands.ProposeForRecognition;
import vn.thanhhoa.cds.command.authority.Authority;
import vn.thanhhoa.cds.events.assessment.AssessmentId;
import vn.thanhhoa.cds.events.common.DocumentRef;
import vn.thanhhoa.cds.events.common.Limits;
import vn.thanhhoa.cds.events.common.Rejection;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The two acts of the province that name many communes at once: the department's proposal (tờ trình) and the
 * chairman's decision over it. Each commune's assessment decides for itself and records its own event naming the
 * document; they are loaded and changed in one unit of work, so the act is recorded whole or — when one commune
 * refuses — not at all, with the refusal naming that commune's place in the list.
 */
public class RecognitionDecisions {
    private static final int MAX_COMMUNES = Limits.COMMUNES_PER_ACT;

    private final Repository<CommuneAssessment> assessments;

    public RecognitionDecisions(Repository<CommuneAssessment> assessments) {
        this.assessments = assessments;
    }

    @CommandHandler
    public void handle(ProposeForRecognition command) {
        Authority.requireDepartment(command.actedBy());
        requireDocument(command.proposal(), "proposal");
        List<AssessmentId> listed = command.assessments();
        requireCommunes(listed, command.year(), id -> id, "assessments");
        each(listed, id -> id, "assessments", (id, assessment) -> assessment.propose(command.proposal(), command.actedBy()));
    }

    @CommandHandler
    public void handle(DecideOnProposal command) {
        Authority.requireProvince(command.actedBy());
        if (command.proposalNumber() == null || command.proposalNumber().isBlank()) {
            throw new Rejection(Rejection.Reason.INVALID, "MISSING_PROPOSAL", "proposalNumber",
                    "Cần số tờ trình đề nghị công nhận.", "The proposal's number is required.");
        }
        requireDocument(command.decision(), "decision");
        List<DecideOnProposal.Outcome> outcomes = command.outcomes();
        requireCommunes(outcomes, command.year(), DecideOnProposal.Outcome::assessmentId, "outcomes");
        each(outcomes, DecideOnProposal.Outcome::assessmentId, "outcomes", (outcome, assessment) -> assessment.decide(
                command.proposalNumber().trim(), command.decision(), outcome.recognised(), outcome.reason(), command.actedBy()));
    }

    /**
     * Loads each listed assessment in this unit of work and asks it to change; in the order of their ids, so that two
     * acts naming the same communes never wait on each other's locks.
     */
    private <T> void each(List<T> items, Function<T, AssessmentId> id, String field, BiConsumer<T, CommuneAssessment> change) {
        List<Integer> order = java.util.stream.IntStream.range(0, items.size()).boxed()
                .sorted(java.util.Comparator.comparing(i -> id.apply(items.get(i)).toString())).toList();
        for (int i : order) {
            T item = items.get(i);
            AssessmentId assessmentId = id.apply(item);
            named(assessmentId, field + "[" + i + "]",
                    () -> assessments.load(assessmentId.toString()).execute(assessment -> change.accept(item, assessment)));
        }
    }

    /** A commune's refusal, told at its place in the list and with its code. */
    private static void named(AssessmentId id, String field, Runnable change) {
        try {
            change.run();
        } catch (Rejection refused) {
            String code = id.commune().code();
            throw new Rejection(refused.reason(), refused.code(), field + (refused.field() == null ? "" : "." + refused.field()),
                    "Xã " + code + ": " + refused.messageVi(), "Commune " + code + ": " + refused.messageEn(),
                    withCommune(refused.details(), code));
        }
    }

    private static Map<String, Object> withCommune(Map<String, Object> details, String code) {
        Map<String, Object> all = new HashMap<>(details);
        all.put("communeCode", code);
        return all;
    }

    /** One to {@value #MAX_COMMUNES} communes of the act's year, each named once. */
    private static <T> void requireCommunes(List<T> items, int year, Function<T, AssessmentId> id, String field) {
        if (items.isEmpty()) {
            throw new Rejection(Rejection.Reason.INVALID, "NO_COMMUNES", field,
                    "Cần ít nhất một xã.", "At least one commune is required.");
        }
        if (items.size() > MAX_COMMUNES) {
            throw new Rejection(Rejection.Reason.INVALID, "TOO_MANY_COMMUNES", field,
                    "Một văn bản nêu tối đa " + MAX_COMMUNES + " xã.", "One act names at most " + MAX_COMMUNES + " communes.");
        }
        Set<AssessmentId> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            AssessmentId assessmentId = id.apply(items.get(i));
            if (assessmentId.year() != year) {
                throw new Rejection(Rejection.Reason.INVALID, "OTHER_YEAR", field + "[" + i + "]",
                        "Hồ sơ của xã " + assessmentId.commune().code() + " là của năm " + assessmentId.year() + ", không phải " + year + ".",
                        "The assessment of " + assessmentId.commune().code() + " is of " + assessmentId.year() + ", not " + year + ".");
            }
            if (!seen.add(assessmentId)) {
                throw new Rejection(Rejection.Reason.INVALID, "DUPLICATE_COMMUNE", field + "[" + i + "]",
                        "Xã " + assessmentId.commune().code() + " được nêu hai lần.",
                        "Commune " + assessmentId.commune().code() + " is named twice.");
            }
        }
    }

    private static void requireDocument(DocumentRef document, String field) {
        if (document == null || document.number().isBlank()) {
            throw new Rejection(Rejection.Reason.INVALID, "MISSING_DOCUMENT", field,
                    "Cần số văn bản.", "A document number is required.");
        }
    }
}
