package vn.thanhhoa.cds.query.appraisal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import vn.thanhhoa.cds.events.assessment.Stage;
import vn.thanhhoa.cds.events.common.ProvinceTime;
import vn.thanhhoa.cds.query.card.CommuneResults;
import vn.thanhhoa.cds.query.card.CommuneResults.CommuneResult;
import vn.thanhhoa.cds.query.common.UnitRef;
import vn.thanhhoa.cds.query.common.VietnameseFormat;
import vn.thanhhoa.cds.query.reference.MapReader;
import vn.thanhhoa.cds.query.reference.MapSnapshot;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The province's work after the appraisers' passes, for one year: the department's list (appraised Đạt and waiting,
 * in its review, proposed) and the chairman's (the proposals waiting for a decision, each with its communes). Oldest
 * conclusion first. One snapshot per answer.
 */
@Component
@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
public class ProvinceReview {
    /** The stages of the province's steps, in their order. */
    static final List<String> STEPS = List.of(Stage.APPRAISED_PASS.name(), Stage.IN_REVIEW.name(), Stage.PROPOSED.name(),
            Stage.RECOGNISED.name(), Stage.DECLINED.name());

    private final JdbcClient jdbc;
    private final CommuneResults results;
    private final MapReader maps;
    private final Clock clock;

    public ProvinceReview(JdbcClient jdbc, CommuneResults results, MapReader maps, Clock clock) {
        this.jdbc = jdbc;
        this.results = results;
        this.maps = maps;
        this.clock = clock;
    }

    /**
     * @param concludedAt when the appraiser concluded (or last acted), which the department's waiting counts from
     * @param appraisedPoints the score as the appraisal and any inspection left it
     */
    public record Item(String assessmentId, UnitRef commune, UnitRef district, int year, String stage, String stageVi,
                       String concludedAt, Long waitingDays, BigDecimal appraisedPoints, String appraisedPointsDisplay,
                       Integer selfMet, String reviewedAt, String inspectedOn, String proposalNumber,
                       String proposalDate, String decisionNumber) {
    }

    /** A proposal (tờ trình) with the communes it lists that wait for the chairman's decision. */
    public record Proposal(String number, String date, List<Item> communes) {
    }

    /** @param counts communes per step, in the order of {@link #STEPS} */
    public record Review(int year, String today, Map<String, Integer> counts, List<Item> items, List<Proposal> proposals) {
    }

    public Review of(int year, String formerDistrict) {
        record Row(String id, String communeId, String communeCode, String stage, Instant lastAppraisalAt,
                   Instant reviewedAt, LocalDate inspectedOn, String proposalNumber, LocalDate proposalDate,
                   String decisionNumber) {
        }
        List<Row> rows = jdbc.sql("""
                        select assessment_id, commune_id, commune_code, stage, last_appraisal_at, reviewed_at, inspected_on,
                               proposal_number, proposal_date, decision_number
                        from q_appraisal_queue where year = :year and stage in (:stages)
                        order by last_appraisal_at, commune_code""")
                .param("year", year).param("stages", STEPS)
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        instant(rs.getObject(5, OffsetDateTime.class)), instant(rs.getObject(6, OffsetDateTime.class)),
                        day(rs.getDate(7)), rs.getString(8), day(rs.getDate(9)), rs.getString(10)))
                .list();
        MapSnapshot map = maps.current();
        LocalDate today = LocalDate.now(clock.withZone(ProvinceTime.ZONE));
        LocalDate mapDay = ProvinceTime.mapDay(year, today);
        rows = rows.stream().filter(r -> FormerDistricts.within(map, r.communeId(), formerDistrict)).toList();
        Map<String, CommuneResult> scores = results.of(rows.stream().map(Row::id).toList()).stream()
                .collect(Collectors.toMap(CommuneResult::id, Function.identity()));
        Map<String, Integer> counts = new LinkedHashMap<>();
        STEPS.forEach(step -> counts.put(step, 0));
        List<Item> items = new ArrayList<>();
        Map<String, List<Item>> proposed = new LinkedHashMap<>();
        Map<String, LocalDate> proposalDates = new LinkedHashMap<>();
        for (Row r : rows) {
            CommuneResult score = scores.get(r.id());
            UnitRef district = FormerDistricts.of(map, r.communeId(), mapDay).orElse(null);
            Item item = new Item(r.id(), new UnitRef(r.communeCode(), map.name(r.communeId(), mapDay), r.communeId()),
                    district, year, r.stage(), Stage.valueOf(r.stage()).vi(), VietnameseFormat.dateTime(r.lastAppraisalAt()),
                    r.lastAppraisalAt() == null ? null
                            : ChronoUnit.DAYS.between(r.lastAppraisalAt().atZone(ProvinceTime.ZONE).toLocalDate(), today),
                    score == null ? null : score.appraisedPoints(),
                    score == null ? null : VietnameseFormat.points(score.appraisedPoints()),
                    score == null ? null : score.selfMet(), VietnameseFormat.dateTime(r.reviewedAt()),
                    VietnameseFormat.date(r.inspectedOn()), r.proposalNumber(), VietnameseFormat.date(r.proposalDate()),
                    r.decisionNumber());
            counts.merge(r.stage(), 1, Integer::sum);
            items.add(item);
            if (Stage.PROPOSED.name().equals(r.stage())) {
                proposed.computeIfAbsent(r.proposalNumber(), n -> new ArrayList<>()).add(item);
                proposalDates.putIfAbsent(r.proposalNumber(), r.proposalDate());
            }
        }
        List<Proposal> proposals = proposed.entrySet().stream().map(e -> new Proposal(e.getKey(),
                VietnameseFormat.date(proposalDates.get(e.getKey())), e.getValue())).toList();
        return new Review(year, VietnameseFormat.date(today), counts, items, proposals);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static LocalDate day(Date date) {
        return date == null ? null : date.toLocalDate();
    }
}
