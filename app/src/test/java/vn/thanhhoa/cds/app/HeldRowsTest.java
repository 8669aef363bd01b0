package vn.thanhhoa.cds.app;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.thanhhoa.cds.query.common.HeldRows;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A batch's rows go to PostgreSQL as one array a column, read by PostgreSQL as text and cast to the column's type
 * (HeldRows): whatever an officer typed comes back as typed — quotes, backslashes, braces, commas, the word NULL, an
 * empty text, a line break, Vietnamese — nulls stay null, numbers and instants keep their value (to the microsecond,
 * rounded as the driver rounds a bound time), the rows keep the order they were held in, and a text too long for
 * its column is refused, not cut.
 */
class HeldRowsTest extends PlatformTest {
    @Autowired
    JdbcTemplate tables;

    @AfterEach
    void drop() {
        tables.execute("drop table if exists held_rows_probe");
    }

    @Test
    void whatIsHeldIsWhatIsWritten() {
        tables.execute("drop table if exists held_rows_probe");
        tables.execute("""
                create table held_rows_probe (n bigint generated always as identity, note varchar(40), points numeric(7, 1),
                    met boolean, at timestamp with time zone, year integer, unique (note))""");
        List<String> notes = new ArrayList<>(List.of("a \"quoted\" word", "back\\slash", "{braces}", "a, b", "NULL", "",
                "two\nlines", "Xã Hoằng Xuân — Điểm 741,4", "'single'"));
        HeldRows rows = new HeldRows("held_rows_probe", "note, points, met, at, year", "on conflict (note) do nothing");
        Instant at = Instant.parse("2025-07-01T03:04:05.123456500Z");
        for (String note : notes) {
            rows.add(note, new BigDecimal("741.4"), true, at, 2025);
        }
        rows.add(null, null, null, null, null);
        rows.flush(tables);

        List<Map<String, Object>> written = tables.queryForList("select * from held_rows_probe order by n");
        List<OffsetDateTime> times = tables.queryForList("select at from held_rows_probe order by n", OffsetDateTime.class);
        assertThat(written).hasSize(notes.size() + 1);
        for (int i = 0; i < notes.size(); i++) {
            Map<String, Object> row = written.get(i);
            assertThat(row.get("note")).as("in the order held").isEqualTo(notes.get(i));
            assertThat((BigDecimal) row.get("points")).isEqualByComparingTo("741.4");
            assertThat(row.get("met")).isEqualTo(true);
            assertThat(row.get("year")).isEqualTo(2025);
            assertThat(times.get(i)).isEqualTo(OffsetDateTime.of(2025, 7, 1, 3, 4, 5, 123457000, ZoneOffset.UTC));
        }
        assertThat(written.get(notes.size())).containsEntry("note", null).containsEntry("points", null)
                .containsEntry("met", null).containsEntry("at", null).containsEntry("year", null);

        // the same rows again: the conflict clause holds (nothing written twice); a text too long is refused
        notes.forEach(note -> rows.add(note, BigDecimal.ONE, false, at, 2026));
        rows.flush(tables);
        assertThat(tables.queryForObject("select count(*) from held_rows_probe", Long.class)).isEqualTo(notes.size() + 1L);
        rows.add("x".repeat(41), BigDecimal.ONE, false, at, 2026);
        assertThatThrownBy(() -> rows.flush(tables)).isInstanceOf(DataIntegrityViolationException.class);
    }
}
