package vn.thanhhoa.cds.query.explain;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.thanhhoa.cds.events.assessment.Stage;
import vn.thanhhoa.cds.events.common.Limits;
import vn.thanhhoa.cds.events.common.ProvinceTime;
import vn.thanhhoa.cds.events.criteria.CriteriaFramework;
import vn.thanhhoa.cds.infra.actor.Actor;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;
import vn.thanhhoa.cds.infra.validation.Bounded;
import vn.thanhhoa.cds.query.card.CommuneResults;
import vn.thanhhoa.cds.query.common.ReadScope;
import vn.thanhhoa.cds.query.common.UnitRef;
import vn.thanhhoa.cds.query.common.VietnameseFormat;
import vn.thanhhoa.cds.query.reference.FrameworkReader;
import vn.thanhhoa.cds.query.reference.MapReader;
import vn.thanhhoa.cds.query.reference.MapSnapshot;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static vn.thanhhoa.cds.events.common.Bound.CODE;
import static vn.thanhhoa.cds.events.common.Bound.IDENTIFIER;
import static vn.thanhhoa.cds.events.common.Bound.POINTS;

/**
 * Before the province signs an amendment of a framework's points: which concluded verdicts it would flip, scored on
 * the current data by the same scoring as the projection and the assessments. Records nothing.
 */
@RestController
@RequestMapping("/api")
@Tag(name = "Giải thích số liệu — explain a number")
public class AmendmentPreviewController {
    private final FrameworkReader frameworks;
    private final CommuneResults results;
    private final MapReader maps;
    private final Clock clock;

    public AmendmentPreviewController(FrameworkReader frameworks, CommuneResults results, MapReader maps, Clock clock) {
        this.frameworks = frameworks;
        this.results = results;
        this.maps = maps;
        this.clock = clock;
    }

    public record PointsRequest(@Size(max = Limits.INDICATORS) Map<@Bounded(CODE) String, @Bounded(POINTS) BigDecimal> points) {
    }

    /** One verdict the amendment would change. */
    public record Flip(UnitRef commune, int year, String stage, String stageVi, boolean passedNow, String scoreNow,
                       boolean passedUnder, String scoreUnder) {
    }

    /** @param concluded the verdicts concluded under the framework; {@code flips} those the amendment would change */
    public record Preview(String frameworkId, Map<String, BigDecimal> points, int concluded, List<Flip> flips) {
    }

    @PostMapping("/frameworks/{frameworkId}/amendment-preview")
    @Operation(summary = "Xem trước đính chính điểm — the concluded verdicts an amendment of the points would flip, "
            + "scored on the current data (records nothing)")
    public Preview preview(@PathVariable @Bounded(IDENTIFIER) String frameworkId, @Valid @RequestBody PointsRequest body,
                           Actor actor) {
        ReadScope.province(actor);
        CriteriaFramework framework = frameworks.require(frameworkId);
        if (body.points() == null || body.points().isEmpty()) {
            throw new ProblemException(ProblemKind.INVALID, "MISSING_POINTS", "points", "Cần điểm mới cho ít nhất một chỉ tiêu.",
                    "points must name at least one indicator.");
        }
        body.points().forEach((code, points) -> {
            if (framework.indicator(code).isEmpty()) {
                throw new ProblemException(ProblemKind.INVALID, "UNKNOWN_INDICATOR", "points." + code,
                        "Không có chỉ tiêu " + code + " trong bộ tiêu chí " + frameworkId + ".", "No indicator " + code + ".");
            }
            if (points == null) {
                throw new ProblemException(ProblemKind.INVALID, "MISSING_POINTS", "points." + code,
                        "Cần số điểm mới của chỉ tiêu " + code + ".", "The new points of " + code + " are required.");
            }
        });
        List<CommuneResults.VerdictUnder> verdicts = results.verdictsUnder(frameworkId, framework.withPoints(body.points()));
        MapSnapshot map = maps.current();
        LocalDate today = LocalDate.now(clock.withZone(ProvinceTime.ZONE));
        List<Flip> flips = verdicts.stream().filter(CommuneResults.VerdictUnder::flips).map(v -> {
            LocalDate day = ProvinceTime.mapDay(v.year(), today);
            return new Flip(new UnitRef(v.communeCode(), map.name(v.communeId(), day), v.communeId()), v.year(), v.stage(),
                    Stage.valueOf(v.stage()).vi(), v.concludedPassed(), VietnameseFormat.points(v.scoreNow()),
                    v.passedUnder(), VietnameseFormat.points(v.scoreUnder()));
        }).toList();
        return new Preview(frameworkId, new java.util.TreeMap<>(body.points()), verdicts.size(), flips);
    }
}
