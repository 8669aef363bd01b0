package vn.thanhhoa.cds.command.assessment;

import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.command.map.UnitDirectory;
import vn.thanhhoa.cds.events.assessment.AssessmentId;
import vn.thanhhoa.cds.events.common.ProvinceTime;
import vn.thanhhoa.cds.events.map.UnitLevel;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;

import java.time.Clock;
import java.time.LocalDate;

/**
 * How a request names an assessment: a commune's code and a year. A code names a unit only together with a date —
 * by default the year's map: its last day, or today for the current year.
 */
@Component
public class AssessmentsByCode {
    private final UnitDirectory units;
    private final AssessmentDirectory assessments;
    private final Clock clock;

    public AssessmentsByCode(UnitDirectory units, AssessmentDirectory assessments, Clock clock) {
        this.units = units;
        this.assessments = assessments;
        this.clock = clock;
    }

    /** The day whose map a year's requests name communes on. */
    public LocalDate mapDate(int year) {
        return ProvinceTime.mapDay(year, LocalDate.now(clock));
    }

    public UnitDirectory.KnownUnit commune(String code, LocalDate onDate, String field) {
        if (code == null || code.isBlank()) {
            throw new ProblemException(ProblemKind.INVALID, "MISSING_CODE", field, "Cần mã xã.", "A commune code is required.");
        }
        return units.inForce(code, onDate).filter(u -> u.level() == UnitLevel.COMMUNE).orElseThrow(() ->
                new ProblemException(ProblemKind.NOT_FOUND, "UNKNOWN_COMMUNE", field,
                        "Không có xã/phường/thị trấn mã " + code + ".", "No commune with code " + code + "."));
    }

    /**
     * @param asOf  the day whose map names the commune, or null for the year's map
     * @param field where the request named the commune, told in a refusal
     */
    public AssessmentId assessment(String code, int year, LocalDate asOf, String field) {
        UnitDirectory.KnownUnit commune = commune(code, asOf != null ? asOf : mapDate(year), field);
        return assessments.find(commune.unitId(), year).orElseThrow(() -> new ProblemException(ProblemKind.NOT_FOUND,
                "ASSESSMENT_NOT_FOUND", field, commune.name() + " (" + code + ") chưa đăng ký đánh giá năm " + year + ".",
                "Commune " + code + " has no assessment for " + year + "."));
    }
}
