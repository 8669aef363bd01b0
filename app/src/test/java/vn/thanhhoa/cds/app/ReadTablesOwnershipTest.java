package vn.thanhhoa.cds.app;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each read table belongs to one slice of the read side, and the SQL of the others does not name it (ArchUnit sees
 * classes, not the tables in their SQL, so this test reads the sources). The exceptions are the capabilities that
 * work on every table — the rebuild and time travel — and the few reads named below, each with its reason.
 */
class ReadTablesOwnershipTest {
    private static final Path QUERY = Path.of("..", "query-side", "src", "main", "java", "vn", "thanhhoa", "cds", "query");

    private static final Map<String, Set<String>> OWNED = Map.of(
            "card", Set.of("q_assessment", "q_indicator", "q_timeline", "q_score_history", "q_assessment_known",
                    "q_indicator_known", "q_known_versions_from"),
            "reference", Set.of("q_unit", "q_unit_version", "q_lineage", "q_framework", "q_framework_amendment", "q_target"),
            "history", Set.of("q_audit", "q_audit_value"),
            "reporting", Set.of("q_reporting_year", "q_reporting_extension", "q_return", "q_return_reason",
                    "q_indicator_comment", "q_evidence_file"),
            "rebuild", Set.of("q_read_store_fill"),
            "appraisal", Set.of("q_appraisal_queue", "q_appraisal_council"));

    /** Slice → tables of other slices it may name, and why. */
    private static final Map<String, Set<String>> ALSO = Map.of(
            // the history shows each event's scores before and after, from the card's versions of the assessment
            "history", Set.of("q_assessment_known"),
            // a scoped live stream asks which commune and appraiser an assessment has
            "live", Set.of("q_assessment"));

    /** These replay or copy every read model. */
    private static final Set<String> EVERY_TABLE = Set.of("rebuild", "timetravel");

    private static final Pattern TABLE = Pattern.compile("\\bq_[a-z_]+\\b");

    @Test
    void eachSliceNamesOnlyItsOwnTables() throws IOException {
        Map<String, String> owner = new TreeMap<>();
        OWNED.forEach((slice, tables) -> tables.forEach(t -> owner.put(t, slice)));
        Map<String, Set<String>> trespasses = new TreeMap<>();
        try (Stream<Path> sources = Files.walk(QUERY)) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                String slice = QUERY.relativize(source).getName(0).toString();
                if (EVERY_TABLE.contains(slice)) {
                    continue;
                }
                Matcher m = TABLE.matcher(Files.readString(source));
                while (m.find()) {
                    String table = m.group();
                    String of = owner.get(table);
                    assertThat(of).as(table + " in " + source + " belongs to no slice: add it to OWNED").isNotNull();
                    if (!of.equals(slice) && !ALSO.getOrDefault(slice, Set.of()).contains(table)) {
                        trespasses.computeIfAbsent(QUERY.relativize(source).toString(), k -> new TreeSet<>()).add(table);
                    }
                }
            }
        }
        assertThat(trespasses).as("SQL naming another slice's tables").isEmpty();
    }
}
