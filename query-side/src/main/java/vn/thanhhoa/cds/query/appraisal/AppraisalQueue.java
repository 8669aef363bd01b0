package vn.thanhhoa.cds.query.appraisal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import vn.thanhhoa.cds.events.assessment.Stage;
import vn.thanhhoa.cds.events.common.ProvinceTime;
import vn.thanhhoa.cds.query.card.CardViews;
import vn.thanhhoa.cds.query.card.CommuneCards;
import vn.thanhhoa.cds.query.card.CommuneResults;
import vn.thanhhoa.cds.query.card.CommuneResults.CommuneResult;
import vn.thanhhoa.cds.query.common.UnitRef;
import vn.thanhhoa.cds.query.common.VietnameseFormat;
import vn.thanhhoa.cds.query.reference.MapReader;
import vn.thanhhoa.cds.query.reference.MapSnapshot;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.*;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The communes waiting for an appraiser, oldest first, with how long each has waited, its self-score (as the card
 * keeps it) and what it changed since the appraiser last acted. One snapshot per answer.
 */
@Component
@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
public class AppraisalQueue {
    /** What an appraiser has to act on unless asked for another stage. */
    static final Set<String> WAITING = Set.of(Stage.SUBMITTED.name(), Stage.UNDER_APPRAISAL.name());

    /** What a commune does between two appraisals that the appraiser wants to see. */
    private static final Set<String> CHANGES = Set.of("IndicatorValueReported", "ReturnAnswered", "IndicatorCommented",
            "EvidenceFileAttached");

    private final JdbcClient jdbc;
    private final CommuneResults results;
    private final CommuneCards cards;
    private final MapReader maps;
    private final Clock clock;

    public AppraisalQueue(JdbcClient jdbc, CommuneResults results, CommuneCards cards, MapReader maps, Clock clock) {
        this.jdbc = jdbc;
        this.results = results;
        this.cards = cards;
        this.maps = maps;
        this.clock = clock;
    }

    public record Item(String assessmentId, UnitRef commune, UnitRef formerDistrict, int year, String stage,
                       String stageVi, String submittedAt, Long waitingDays, BigDecimal selfPoints,
                       String selfPointsDisplay, Integer selfMet, String lastAppraisalAt, int changeCount,
                       List<CardViews.TimelineEntry> changes) {
    }

    public record Queue(String today, int total, List<Item> items) {
    }

    /**
     * @param appraisers the appraisers' unit ids whose queue it is (null: every appraiser's, for those who read all)
     * @param stages     the stages shown (by default those waiting for the appraiser)
     * @param formerDistrict a former district's code, or null
     */
    public Queue of(Set<String> appraisers, Set<String> stages, String formerDistrict) {
        record Row(String id, String communeId, String communeCode, int year, String stage, Instant submittedAt,
                   Instant lastAppraisalAt) {
        }
        List<Row> rows = jdbc.sql("""
                        select assessment_id, commune_id, commune_code, year, stage, submitted_at, last_appraisal_at
                        from q_appraisal_queue where stage in (:stages)"""
                        + (appraisers == null ? "" : " and appraiser_id in (:appraisers)")
                        + " order by submitted_at, commune_code")
                .param("stages", List.copyOf(stages))
                .params(appraisers == null ? Map.of() : Map.of("appraisers", appraisers.isEmpty() ? List.of("") : List.copyOf(appraisers)))
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                        instant(rs.getObject(6, OffsetDateTime.class)), instant(rs.getObject(7, OffsetDateTime.class))))
                .list();
        MapSnapshot map = maps.current();
        LocalDate today = LocalDate.now(clock.withZone(ProvinceTime.ZONE));
        rows = rows.stream().filter(r -> FormerDistricts.within(map, r.communeId(), formerDistrict)).toList();
        List<String> ids = rows.stream().map(Row::id).toList();
        Map<String, CommuneResult> scores = results.of(ids).stream()
                .collect(Collectors.toMap(CommuneResult::id, Function.identity()));
        // what the commune changed since the appraiser last acted (nothing counts as a change before a first appraisal)
        Map<String, Instant> since = new HashMap<>();
        rows.stream().filter(r -> r.lastAppraisalAt() != null).forEach(r -> since.put(r.id(), r.lastAppraisalAt()));
        Map<String, List<CardViews.TimelineEntry>> changes = cards.timelineSince(since, CHANGES);
        List<Item> items = new ArrayList<>();
        for (Row r : rows) {
            LocalDate day = ProvinceTime.mapDay(r.year(), today);
            CommuneResult score = scores.get(r.id());
            List<CardViews.TimelineEntry> changed = changes.getOrDefault(r.id(), List.of());
            items.add(new Item(r.id(), new UnitRef(r.communeCode(), map.name(r.communeId(), day), r.communeId()),
                    FormerDistricts.of(map, r.communeId(), day).orElse(null),
                    r.year(), r.stage(), Stage.valueOf(r.stage()).vi(), VietnameseFormat.dateTime(r.submittedAt()),
                    r.submittedAt() == null ? null
                            : ChronoUnit.DAYS.between(r.submittedAt().atZone(ProvinceTime.ZONE).toLocalDate(), today),
                    score == null ? null : score.selfPoints(),
                    score == null ? null : VietnameseFormat.points(score.selfPoints()),
                    score == null ? null : score.selfMet(), VietnameseFormat.dateTime(r.lastAppraisalAt()),
                    changed.size(), changed));
        }
        return new Queue(VietnameseFormat.date(today), items.size(), items);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
