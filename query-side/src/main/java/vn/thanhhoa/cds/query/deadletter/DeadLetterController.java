package vn.thanhhoa.cds.query.deadletter;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.thanhhoa.cds.infra.actor.Actor;
import vn.thanhhoa.cds.infra.actor.ProvinceOnly;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;
import vn.thanhhoa.cds.query.common.Dashboards;
import vn.thanhhoa.cds.query.common.ReadModelVersion;
import vn.thanhhoa.cds.query.deadletter.DeadLetterQueries.DeadLetterPage;

/**
 * The events the dashboards could not apply: the province and auditors review them; the province retries them once
 * the cause is fixed.
 */
@RestController
@RequestMapping("/api/dead-letters")
@Tag(name = "Sự kiện chờ xử lý — dead letters of the dashboards")
public class DeadLetterController {
    private static final int MAX_PAGE_SIZE = 100;

    private final DeadLetterQueries deadLetters;
    private final EventProcessingConfiguration processing;

    private final ReadModelVersion version;

    public DeadLetterController(DeadLetterQueries deadLetters, EventProcessingConfiguration processing,
                                ReadModelVersion version) {
        this.version = version;
        this.deadLetters = deadLetters;
        this.processing = processing;
    }

    /**
     * @param applied   letters applied to the dashboards and removed from the queue
     * @param remaining letters still waiting: their retry failed again, or they wait behind one that did
     */
    public record Retried(long applied, long remaining) {
    }

    @GetMapping
    @Operation(summary = "Sự kiện chờ xử lý — events not applied to the dashboards, with their cause (province, auditors)")
    public DeadLetterPage list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
                               Actor actor) {
        if (!actor.reviewsTheRecord()) {
            throw new ProblemException(ProblemKind.FORBIDDEN, "PROVINCE_OR_AUDITOR_ONLY", "actor",
                    "Chỉ cấp tỉnh và thanh tra được xem các sự kiện chờ xử lý.",
                    "Only the province and auditors may review the events waiting to be processed.");
        }
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new ProblemException(ProblemKind.INVALID, "INVALID_PAGE", page < 0 ? "page" : "size",
                    "Trang bắt đầu từ 0; mỗi trang có từ 1 đến " + MAX_PAGE_SIZE + " sự kiện.",
                    "page starts at 0; size is 1 to " + MAX_PAGE_SIZE + ".");
        }
        return deadLetters.page(page, size);
    }

    /**
     * Retries one sequence at a time, the one touched longest ago first; a sequence that fails again goes to the back
     * of the queue. Stops when nothing is left, or when as many retries in a row failed as there are sequences.
     */
    @PostMapping("/retry")
    @ProvinceOnly
    @Operation(summary = "Xử lý lại — apply the waiting events again, in order, after a fix (province)")
    public Retried retry(Actor actor) {
        if (!actor.has(Actor.Role.PROVINCE)) {
            throw new ProblemException(ProblemKind.FORBIDDEN, "PROVINCE_ONLY", "actor",
                    "Chỉ cấp tỉnh được xử lý lại các sự kiện chờ xử lý.",
                    "Only the province may retry the events waiting to be processed.");
        }
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processing.sequencedDeadLetterProcessor(Dashboards.GROUP)
                .orElseThrow(() -> new IllegalStateException("no dead-letter queue for " + Dashboards.GROUP));
        long before = deadLetters.count();
        long remaining = before;
        int failedInARow = 0;
        while (remaining > 0 && failedInARow < deadLetters.sequences()) {
            failedInARow = SavepointPerEvent.withSavepoints(processor::processAny) ? 0 : failedInARow + 1;
            remaining = deadLetters.count();
        }
        version.advanceEverywhere(null); // what was applied here did not pass the processor's commit: the cached dashboards go
        return new Retried(Math.max(0, before - remaining), remaining);
    }
}
