package vn.thanhhoa.cds.query.appraisal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.thanhhoa.cds.events.assessment.Stage;
import vn.thanhhoa.cds.infra.actor.Actor;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;
import vn.thanhhoa.cds.infra.validation.Bounded;
import vn.thanhhoa.cds.query.common.ReadScope;
import vn.thanhhoa.cds.query.common.VietnameseFormat;
import vn.thanhhoa.cds.query.reference.Mandates;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static vn.thanhhoa.cds.events.common.Bound.CODE;
import static vn.thanhhoa.cds.events.common.Bound.DOCUMENT_NUMBER;
import static vn.thanhhoa.cds.events.common.Bound.YEAR;

/** The appraiser's queue: the communes submitted to the appraiser's unit (or, for those who read all, to any). */
@RestController
@RequestMapping("/api/appraisal")
@Tag(name = "Thẩm định — the appraiser's work")
public class AppraisalQueueController {
    private final AppraisalQueue queue;
    private final ProvinceReview review;
    private final Mandates mandates;
    private final JdbcClient jdbc;

    public AppraisalQueueController(AppraisalQueue queue, ProvinceReview review, Mandates mandates, JdbcClient jdbc) {
        this.queue = queue;
        this.review = review;
        this.mandates = mandates;
        this.jdbc = jdbc;
    }

    /** @param members each {@code {"subject":…,"pillars":[…]}} */
    public record Council(String assessmentId, String lead, List<Map<String, Object>> members, String assignedAt) {
    }

    @GetMapping("/council")
    @Operation(summary = "Hội đồng thẩm định — the appraisal council of an assessment (its lead, each member's pillars), "
            + "for its appraiser and those who read the whole province; 404 when none was assigned")
    public Council council(@RequestParam @Bounded(DOCUMENT_NUMBER) String assessmentId, Actor actor) { // "15316@2025-07-01/2026"
        ReadScope.someDistrict(actor);
        var row = jdbc.sql("""
                        select c.lead, c.members, c.assigned_at, q.appraiser_id from q_appraisal_council c
                        join q_appraisal_queue q on q.assessment_id = c.assessment_id where c.assessment_id = :id""")
                .param("id", assessmentId)
                .query((rs, n) -> new Object[]{rs.getString(1), rs.getString(2),
                        rs.getObject(3, java.time.OffsetDateTime.class), rs.getString(4)})
                .optional().orElseThrow(() -> new ProblemException(ProblemKind.NOT_FOUND, "NO_COUNCIL", "assessmentId",
                        "Hồ sơ này chưa được giao hội đồng thẩm định.", "No council was assigned to this assessment."));
        if (!actor.readsEverything() && !mandates.of(actor).contains((String) row[3])) {
            throw new ProblemException(ProblemKind.FORBIDDEN, "OUT_OF_SCOPE", "actor",
                    "Bạn chỉ được xem hồ sơ do đơn vị mình thẩm định.", "You may read only the assessments your unit appraises.");
        }
        try {
            List<Map<String, Object>> members = AppraisalQueueProjection.JSON.readValue((String) row[1],
                    new com.fasterxml.jackson.core.type.TypeReference<>() { });
            return new Council(assessmentId, (String) row[0], members,
                    VietnameseFormat.dateTime(((java.time.OffsetDateTime) row[2]).toInstant()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @GetMapping("/province-review")
    @Operation(summary = "Xem xét, đề nghị và quyết định công nhận — a year's communes appraised Đạt and the province's "
            + "steps after it: waiting for the department, in its review (inspection), proposed (with the proposals "
            + "waiting for the chairman's decision), recognised or declined; for those who read the whole province")
    public ProvinceReview.Review provinceReview(@RequestParam @Bounded(YEAR) int year,
                                                @RequestParam(required = false) @Bounded(CODE) String formerDistrict,
                                                Actor actor) {
        ReadScope.province(actor);
        return review.of(year, formerDistrict);
    }

    @GetMapping("/queue")
    @Operation(summary = "Hàng chờ thẩm định — the communes waiting for the appraiser's unit (a district; since 01/07/2025 "
            + "the body the province designates), oldest first, with the days waited, the self-score and what changed "
            + "since the last appraisal; stage (repeatable) and formerDistrict filter; all=true: every appraiser's "
            + "(for those who read the whole province)")
    public AppraisalQueue.Queue queue(@RequestParam(required = false) List<String> stage,
                                      @RequestParam(required = false) @Bounded(CODE) String formerDistrict,
                                      @RequestParam(defaultValue = "false") boolean all, Actor actor) {
        ReadScope.someDistrict(actor); // a commune has no queue; refused before any work
        if (all) {
            ReadScope.province(actor);
        }
        Set<String> stages = stage == null || stage.isEmpty() ? AppraisalQueue.WAITING : stages(stage);
        return queue.of(all ? null : mandates.of(actor), stages, formerDistrict);
    }

    private static Set<String> stages(List<String> asked) {
        Set<String> known = Arrays.stream(Stage.values()).map(Stage::name).collect(Collectors.toSet());
        for (String s : asked) {
            if (!known.contains(s)) {
                throw new ProblemException(ProblemKind.INVALID, "INVALID_STAGE", "stage",
                        "Giai đoạn không hợp lệ: " + s + ". Dùng một trong: " + String.join(", ", known.stream().sorted().toList()) + ".",
                        "Unknown stage " + s + ".");
            }
        }
        return Set.copyOf(asked);
    }
}
