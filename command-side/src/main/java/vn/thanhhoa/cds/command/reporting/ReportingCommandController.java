package vn.thanhhoa.cds.command.reporting;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;
import vn.thanhhoa.cds.command.assessment.AssessmentRequests.Document;
import vn.thanhhoa.cds.command.map.UnitDirectory;
import vn.thanhhoa.cds.command.reporting.ReportingCommands.*;
import vn.thanhhoa.cds.events.map.UnitLevel;
import vn.thanhhoa.cds.infra.actor.Actor;
import vn.thanhhoa.cds.infra.actor.CommandDispatcher;
import vn.thanhhoa.cds.infra.actor.ProvinceOnly;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;
import vn.thanhhoa.cds.infra.validation.Bounded;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

import static vn.thanhhoa.cds.events.common.Bound.*;

/** The province's decisions on a year's reporting: its framework, its period, extensions for single communes. */
@RestController
@ProvinceOnly
@RequestMapping("/api/reporting-years/{year}")
@Tag(name = "Kỳ báo cáo (lệnh) — reporting period commands")
public class ReportingCommandController {
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private final CommandDispatcher commands;
    private final UnitDirectory units;
    private final Clock clock;

    public ReportingCommandController(CommandDispatcher commands, UnitDirectory units, Clock clock) {
        this.commands = commands;
        this.units = units;
        this.clock = clock;
    }

    public record FrameworkAssignment(@Bounded(IDENTIFIER) String frameworkId, @Valid Document decision) {
    }

    public record Period(@Bounded(DATE) LocalDate opensOn, @Bounded(DATE) LocalDate closesOn, @Valid Document decision) {
    }

    public record Closure(@Valid Document decision) {
    }

    public record Extension(@Bounded(CODE) String communeCode, @Bounded(DATE) LocalDate until,
                            @Bounded(REASON) String reason, @Valid Document decision) {
    }

    @PutMapping("/framework")
    @Operation(summary = "Giao bộ tiêu chí cho năm — assign the framework a year is assessed under (province)")
    public ResponseEntity<Void> assignFramework(@PathVariable @Bounded(YEAR) int year, @Valid @RequestBody FrameworkAssignment body,
                                                Actor actor, @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key) {
        if (body.frameworkId() == null || body.frameworkId().isBlank()) {
            throw new ProblemException(ProblemKind.INVALID, "MISSING_FRAMEWORK", "frameworkId",
                    "Cần mã bộ tiêu chí.", "frameworkId is required.");
        }
        commands.send(new AssignFrameworkToYear(ReportingYear.streamId(year), year, body.frameworkId().trim(),
                Document.toRef(body.decision(), "decision"), commands.actedBy(actor)), actor, key,
                Map.of("path", "framework/" + year, "body", body));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/period")
    @Operation(summary = "Mở kỳ báo cáo — open reporting for the year, from one day to another (province)")
    public ResponseEntity<Void> open(@PathVariable @Bounded(YEAR) int year, @Valid @RequestBody Period body, Actor actor,
                                     @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key) {
        commands.send(new OpenReportingPeriod(ReportingYear.streamId(year), year, body.opensOn(), body.closesOn(),
                Document.toRef(body.decision(), "decision"), commands.actedBy(actor)), actor, key,
                Map.of("path", "open/" + year, "body", body));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/period/closure")
    @Operation(summary = "Đóng kỳ báo cáo — close reporting for the year from today (province)")
    public ResponseEntity<Void> close(@PathVariable @Bounded(YEAR) int year, @Valid @RequestBody Closure body, Actor actor,
                                      @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key) {
        commands.send(new CloseReportingPeriod(ReportingYear.streamId(year), year,
                Document.toRef(body.decision(), "decision"), commands.actedBy(actor)), actor, key,
                Map.of("path", "close/" + year, "body", body));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/period/extensions")
    @Operation(summary = "Gia hạn cho một xã — let one commune report until a later day, with a reason (province)")
    public ResponseEntity<Void> extend(@PathVariable @Bounded(YEAR) int year, @Valid @RequestBody Extension body, Actor actor,
                                       @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key) {
        if (body.communeCode() == null || body.communeCode().isBlank()) {
            throw new ProblemException(ProblemKind.INVALID, "MISSING_COMMUNE", "communeCode", "Cần mã xã.", "communeCode is required.");
        }
        LocalDate today = LocalDate.now(clock);
        UnitDirectory.KnownUnit commune = units.inForce(body.communeCode(), today)
                .filter(u -> u.level() == UnitLevel.COMMUNE)
                .orElseThrow(() -> new ProblemException(ProblemKind.NOT_FOUND, "UNKNOWN_COMMUNE", "communeCode",
                        "Không có xã/phường mã " + body.communeCode() + ".", "No commune with code " + body.communeCode() + "."));
        commands.send(new ExtendReportingPeriod(ReportingYear.streamId(year), year, commune.unitId(), body.until(),
                body.reason(), Document.toRef(body.decision(), "decision"), commands.actedBy(actor)), actor, key,
                Map.of("path", "extend/" + year + "/" + commune.unitId(), "body", body));
        return ResponseEntity.noContent().build();
    }
}
