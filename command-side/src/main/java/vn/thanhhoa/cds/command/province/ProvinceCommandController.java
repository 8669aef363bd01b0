package vn.thanhhoa.cds.command.province;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;
import vn.thanhhoa.cds.command.assessment.VerdictReviews;
import vn.thanhhoa.cds.command.criteria.FrameworkCommands.AmendFrameworkPoints;
import vn.thanhhoa.cds.command.criteria.FrameworkCommands.PublishCriteriaFramework;
import vn.thanhhoa.cds.command.criteria.FrameworkPolicy;
import vn.thanhhoa.cds.command.map.UnitDirectory;
import vn.thanhhoa.cds.command.targets.AssignYearlyTargets;
import vn.thanhhoa.cds.events.common.DocumentRef;
import vn.thanhhoa.cds.events.criteria.CriteriaFramework;
import vn.thanhhoa.cds.events.map.UnitLevel;
import vn.thanhhoa.cds.events.targets.DistrictTarget;
import vn.thanhhoa.cds.events.targets.TargetAllocation;
import vn.thanhhoa.cds.infra.actor.Actor;
import vn.thanhhoa.cds.infra.actor.CommandDispatcher;
import vn.thanhhoa.cds.infra.actor.ProvinceOnly;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;
import vn.thanhhoa.cds.infra.validation.Bounded;
import vn.thanhhoa.cds.events.common.Limits;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static vn.thanhhoa.cds.events.common.Bound.*;

/** The province's commands: frameworks and their amendments, yearly targets. */
@RestController
@ProvinceOnly
@RequestMapping("/api")
@Tag(name = "Cấp tỉnh (lệnh) — province commands")
public class ProvinceCommandController {
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private final CommandDispatcher commands;
    private final UnitDirectory units;
    private final String provinceCode;
    private final VerdictReviews reviews;

    public ProvinceCommandController(CommandDispatcher commands, UnitDirectory units,
                                     @org.springframework.beans.factory.annotation.Value("${cds.province-code:38}") String provinceCode,
                                     VerdictReviews reviews) {
        this.reviews = reviews;
        this.commands = commands;
        this.units = units;
        this.provinceCode = provinceCode;
    }

    public record Amendment(@Size(max = Limits.INDICATORS) Map<@Bounded(CODE) String, @Bounded(POINTS) BigDecimal> points,
                            @Bounded(DOCUMENT_NUMBER) String decisionNumber, @Bounded(DATE) LocalDate decisionDate,
                            @Bounded(REASON) String reason) {
    }

    public record Targets(@Bounded(TARGET_COMMUNES) Integer provinceTarget,
                          @Size(max = Limits.LIST_ITEMS) List<@Valid DistrictShare> districtTargets,
                          @Bounded(DOCUMENT_NUMBER) String decisionNumber, @Bounded(DATE) LocalDate decisionDate) {
        public record DistrictShare(@Bounded(CODE) String districtCode, @Bounded(TARGET_COMMUNES) int communes) {
        }
    }

    @PostMapping("/frameworks")
    @Operation(summary = "Ban hành bộ tiêu chí — publish a criteria framework")
    public ResponseEntity<Void> publish(@RequestBody CriteriaFramework framework, Actor actor,
                                        @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key) {
        if (framework.id() == null || framework.id().isBlank()) {
            throw new ProblemException(ProblemKind.INVALID, "MISSING_FRAMEWORK", "id", "Cần mã bộ tiêu chí.", "id is required.");
        }
        FrameworkPolicy.check(framework);
        commands.send(new PublishCriteriaFramework(framework.id(), framework, commands.actedBy(actor)), actor, key,
                Map.of("path", "frameworks", "body", framework));
        return ResponseEntity.status(201).build();
    }

    @GetMapping("/frameworks/{frameworkId}/verdict-reviews")
    @Operation(summary = "Tiến độ xem xét lại kết luận — per amendment of the framework: assessments asked, done, set aside, waiting")
    public java.util.List<VerdictReviews.Progress> verdictReviews(@PathVariable String frameworkId) {
        return reviews.progress(frameworkId);
    }

    @PostMapping("/frameworks/{frameworkId}/amendments")
    @Operation(summary = "Đính chính số điểm — amend a framework's points; every commune assessed under it is re-scored")
    public ResponseEntity<Void> amend(@PathVariable String frameworkId, @Valid @RequestBody Amendment body, Actor actor,
                                      @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key) {
        if (body.points() == null || body.points().isEmpty()) {
            throw new ProblemException(ProblemKind.INVALID, "MISSING_POINTS", "points", "Cần điểm mới cho ít nhất một chỉ tiêu.",
                    "points must name at least one indicator.");
        }
        if (body.decisionNumber() == null || body.decisionNumber().isBlank()) {
            throw new ProblemException(ProblemKind.INVALID, "MISSING_DOCUMENT", "decisionNumber", "Cần số văn bản.",
                    "A document number is required.");
        }
        commands.send(new AmendFrameworkPoints(frameworkId, body.points(), DocumentRef.of(body.decisionNumber(), body.decisionDate()),
                body.reason(), commands.actedBy(actor)), actor, key, Map.of("path", "amend/" + frameworkId, "body", body));
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/targets/{year}")
    @Operation(summary = "Giao chỉ tiêu năm — assign the year's targets, province-wide and per district")
    public ResponseEntity<Void> assignTargets(@PathVariable @Bounded(YEAR) int year, @Valid @RequestBody Targets body, Actor actor,
                                              @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key) {
        if (body.provinceTarget() == null) {
            throw new ProblemException(ProblemKind.INVALID, "MISSING_TARGET", "provinceTarget", "Cần chỉ tiêu của tỉnh.",
                    "provinceTarget is required.");
        }
        if (body.decisionNumber() == null || body.decisionNumber().isBlank()) {
            throw new ProblemException(ProblemKind.INVALID, "MISSING_DOCUMENT", "decisionNumber",
                    "Cần số quyết định giao chỉ tiêu.", "The decision number is required.");
        }
        LocalDate onDate = LocalDate.of(year, 1, 1);
        List<DistrictTarget> districts = body.districtTargets() == null ? List.of() : body.districtTargets().stream()
                .map(d -> new DistrictTarget(units.inForce(d.districtCode(), onDate).filter(u -> u.level() == UnitLevel.DISTRICT)
                        .orElseThrow(() -> new ProblemException(ProblemKind.NOT_FOUND, "UNKNOWN_DISTRICT", "districtTargets",
                                "Không có huyện mã " + d.districtCode() + " năm " + year + ".",
                                "No district " + d.districtCode() + " in " + year + ".")).unitId(), d.communes()))
                .toList();
        commands.send(new AssignYearlyTargets(provinceCode, year, body.provinceTarget(), districts,
                TargetAllocation.OFFICIAL_ANNEX, DocumentRef.of(body.decisionNumber().trim(), body.decisionDate()),
                commands.actedBy(actor)), actor, key, Map.of("path", "targets/" + year, "body", body));
        return ResponseEntity.noContent().build();
    }
}
