package vn.thanhhoa.cds.query.reference;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.thanhhoa.cds.events.criteria.CriteriaFramework;
import vn.thanhhoa.cds.infra.validation.Bounded;

import java.math.BigDecimal;
import java.util.List;

import static vn.thanhhoa.cds.events.common.Bound.IDENTIFIER;

/** The published criteria frameworks, with the points in force now: reference data every role may read. */
@RestController
@RequestMapping("/api")
@Tag(name = "Bảng điều khiển (truy vấn) — dashboards and cards")
public class FrameworkController {
    private final FrameworkReader frameworks;

    public FrameworkController(FrameworkReader frameworks) {
        this.frameworks = frameworks;
    }

    /** @param amendments how many times its points were amended */
    public record FrameworkSummary(String id, String title, int year, String scoring, int pillars, int indicators,
                                   BigDecimal maxPoints, int amendments) {
    }

    @GetMapping("/frameworks")
    @Operation(summary = "Các bộ tiêu chí đã ban hành — the published frameworks")
    public List<FrameworkSummary> frameworks() {
        return frameworks.all().stream().map(f -> new FrameworkSummary(f.id(), f.title(), f.year(), f.scoring().name(),
                f.pillars().size(), f.indicators().size(), f.maxPoints(),
                frameworks.versions(f.id()).map(v -> v.latest()).orElse(0))).toList();
    }

    @GetMapping("/frameworks/{frameworkId}")
    @Operation(summary = "Bộ tiêu chí với số điểm hiện hành — a framework, with the points in force now")
    public CriteriaFramework framework(@PathVariable @Bounded(IDENTIFIER) String frameworkId) {
        return frameworks.require(frameworkId);
    }
}
