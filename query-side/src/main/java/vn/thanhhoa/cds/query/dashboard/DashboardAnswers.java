package vn.thanhhoa.cds.query.dashboard;

import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.infra.actor.Actor;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;
import vn.thanhhoa.cds.query.common.ReadScope;
import vn.thanhhoa.cds.query.reference.Mandates;
import vn.thanhhoa.cds.query.timetravel.KnownAt;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The province and district dashboards as the JSON endpoints answer them, whichever kind of time is asked (the map
 * of a day, the decisions in force on a day, or as the platform knew it at an instant), with the same checks: one
 * place for the question, so that every other form of the same figures (the meeting report as PDF) is the same view
 * object and cannot differ. Today's answer without any time is what DashboardController keeps in its cache.
 */
@Component
public class DashboardAnswers {
    private final DistrictDashboards districts;
    private final ProvinceDashboards provinces;
    private final Mandates mandates;
    private final KnownAt knownAt;
    private final Clock clock;

    public DashboardAnswers(DistrictDashboards districts, ProvinceDashboards provinces, Mandates mandates,
                            KnownAt knownAt, Clock clock) {
        this.districts = districts;
        this.provinces = provinces;
        this.mandates = mandates;
        this.knownAt = knownAt;
        this.clock = clock;
    }

    /** The province's view asked for: as-it-was (the year's map) or restated (to today's communes); anything else 422. */
    public static boolean restated(String view) {
        if (!view.equals("as-it-was") && !view.equals("restated")) {
            throw new ProblemException(ProblemKind.INVALID, "INVALID_VIEW", "view",
                    "Cách xem không hợp lệ: as-it-was (theo bản đồ năm đó) hoặc restated (quy về đơn vị hiện nay).",
                    "view is as-it-was or restated.");
        }
        return view.equals("restated");
    }

    /** The province dashboard; the caller has checked that the actor reads the province. */
    public DashboardViews.ProvinceDashboard province(int year, LocalDate asOf, boolean restated, LocalDate inForceOn,
                                                     OffsetDateTime knownAt) {
        if (knownAt != null) {
            KnownAt.check(knownAt.toInstant(), clock);
            return this.knownAt.dashboard(year, knownAt.toInstant(),
                    then -> List.of(), // the province's figures are the assessments'; no indicator value is read
                    then -> provinces.over(then).province(year, asOf, restated, inForceOn));
        }
        return provinces.province(year, asOf, restated, inForceOn);
    }

    /** A district's dashboard, refused (403) to whoever does not read that district. */
    public DashboardViews.DistrictDashboard district(Actor actor, String code, int year, LocalDate asOf,
                                                     LocalDate inForceOn, OffsetDateTime knownAt) {
        ReadScope.someDistrict(actor); // refused before any work when the person reads no district at all
        if (knownAt != null) {
            KnownAt.check(knownAt.toInstant(), clock);
            ReadScope.district(actor, mandates.of(actor), districts.districtUnitId(code, year));
            return this.knownAt.dashboard(year, knownAt.toInstant(),
                    // the indicator values of the district's communes only, from the map then
                    then -> districts.over(then).districtCommuneIds(code, year, asOf),
                    then -> districts.over(then).district(code, year, asOf, inForceOn));
        }
        DashboardViews.DistrictDashboard dashboard = districts.district(code, year, asOf, inForceOn);
        ReadScope.district(actor, mandates.of(actor), dashboard.district().unitId());
        return dashboard;
    }
}
