package vn.thanhhoa.cds.query.history;

import org.springframework.jdbc.core.simple.JdbcClient;
import vn.thanhhoa.cds.events.common.ProvinceTime;
import vn.thanhhoa.cds.query.common.ValuePhrases;
import vn.thanhhoa.cds.query.common.VietnameseFormat;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The history as read from {@code q_audit}: its events under a {@code where} clause, in the order recorded, each with
 * its assessment's scores just before and just after it. Read by the auditors' pages and exports, and by the
 * explanations of a figure.
 */
public final class HistoryEntries {
    private HistoryEntries() {
    }

    /**
     * One event of the history. The points and the indicators met (the self-assessment's; a framework scored by
     * count, as 2022's, has no points) are the assessment's just before and just after the event, as the dashboards
     * showed them (null for an event of no assessment, or one the dashboards have not applied yet).
     */
    public record Entry(long globalIndex, Instant at, String atDisplay, String event, String assessmentId, String subject,
                        String role, String unit, String indicatorCode, String before, String after, String document,
                        BigDecimal selfPointsBefore, BigDecimal selfPointsAfter, BigDecimal appraisedPointsBefore,
                        BigDecimal appraisedPointsAfter, Integer selfMetBefore, Integer selfMetAfter, String beforeEn,
                        String afterEn) {
    }

    public record Page(int page, int size, long total, List<Entry> entries) {
    }

    /** Which events of the history: a {@code where} clause on {@code q_audit} and its parameters. */
    record Where(String clause, Map<String, Object> params) {
        long count(JdbcClient jdbc) {
            var count = jdbc.sql("select count(*) from q_audit" + clause);
            for (Map.Entry<String, Object> p : params.entrySet()) {
                count = count.param(p.getKey(), p.getValue());
            }
            return count.query(Long.class).single();
        }

        List<Entry> entries(JdbcClient jdbc, int limit, long offset) {
            return HistoryEntries.entries(jdbc, clause, params, limit, offset);
        }

        /**
         * The events a page of {@code size} at a time, each page read when the one before has been used: an export's
         * memory stays bounded however long the history. Each page starts after the last one's global index (not at
         * an offset), so a long export does not read again what it has passed. For a clause of conditions joined by
         * {@code and}, as {@link #filtered} makes.
         */
        Iterable<List<Entry>> pages(JdbcClient jdbc, int size) {
            return () -> new Iterator<>() {
                private long after = Long.MIN_VALUE;
                private List<Entry> next = read();

                private List<Entry> read() {
                    Map<String, Object> page = new LinkedHashMap<>(params);
                    page.put("after", after);
                    List<Entry> rows = HistoryEntries.entries(jdbc, clause + " and global_index > :after", page, size, 0);
                    if (!rows.isEmpty()) {
                        after = rows.get(rows.size() - 1).globalIndex();
                    }
                    return rows;
                }

                @Override
                public boolean hasNext() {
                    return !next.isEmpty();
                }

                @Override
                public List<Entry> next() {
                    List<Entry> page = next;
                    next = page.size() < size ? List.of() : read();
                    return page;
                }
            };
        }
    }

    /**
     * The auditors' filters, each optional: the commune (as the ids of every unit that bore its code), the year,
     * person, unit and event type, and the days from and to (both included, in Vietnam's time).
     */
    static Where filtered(List<String> communeUnits, Integer year, String subject, String unit, String type,
                          LocalDate from, LocalDate to) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        if (communeUnits != null) {
            where.append(" and commune_id in (:communes)");
            // "in ()" is not SQL: a code that named no unit matches no commune
            params.put("communes", communeUnits.isEmpty() ? List.of("-") : communeUnits);
        }
        equal(where, params, "year", year);
        equal(where, params, "subject", subject);
        equal(where, params, "unit", unit);
        equal(where, params, "event_type", type);
        if (from != null) {
            where.append(" and occurred_at >= :from");
            params.put("from", from.atStartOfDay(ProvinceTime.ZONE).toOffsetDateTime());
        }
        if (to != null) {
            where.append(" and occurred_at < :to");
            params.put("to", to.plusDays(1).atStartOfDay(ProvinceTime.ZONE).toOffsetDateTime());
        }
        return new Where(where.toString(), params);
    }

    /** Vietnamese typed in decomposed form (NFD) finds what was stored composed (NFC), as the people reading it see it. */
    private static void equal(StringBuilder where, Map<String, Object> params, String column, Object value) {
        if (value != null) {
            where.append(" and ").append(column).append(" = :").append(column);
            params.put(column, value instanceof String text ? Normalizer.normalize(text, Normalizer.Form.NFC) : value);
        }
    }

    /** The history's rows under a {@code where} clause, in the order recorded. */
    public static List<Entry> entries(JdbcClient jdbc, String where, Map<String, Object> params, int limit, long offset) {
        // the page first, on the history alone; then each row's assessment as the event left it, and the version before
        var select = jdbc.sql("""
                select a.global_index, a.occurred_at, a.event_type, a.aggregate_id, a.subject, a.role, a.unit,
                       a.indicator_code, a.value_before, a.value_after, a.document_number,
                       p.self_points, k.self_points, p.appraised_points, k.appraised_points, p.self_met, k.self_met
                from (select * from q_audit""" + where + """
                       order by global_index limit :limit offset :offset) a
                left join q_assessment_known k on k.event_id = a.event_id and k.assessment_id = a.aggregate_id
                left join q_assessment_known p on p.version = (select max(q.version) from q_assessment_known q
                                                               where q.assessment_id = k.assessment_id and q.version < k.version)
                order by a.global_index""");
        for (Map.Entry<String, Object> p : params.entrySet()) {
            select = select.param(p.getKey(), p.getValue());
        }
        return select.param("limit", limit).param("offset", offset)
                .query((rs, n) -> {
                    Instant at = rs.getObject(2, OffsetDateTime.class).toInstant();
                    return new Entry(rs.getLong(1), at, VietnameseFormat.dateTime(at), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            ValuePhrases.vi(rs.getString(9)), ValuePhrases.vi(rs.getString(10)), rs.getString(11),
                            rs.getBigDecimal(12), rs.getBigDecimal(13), rs.getBigDecimal(14), rs.getBigDecimal(15),
                            rs.getObject(16, Integer.class), rs.getObject(17, Integer.class),
                            ValuePhrases.en(rs.getString(9)), ValuePhrases.en(rs.getString(10)));
                }).list();
    }
}
