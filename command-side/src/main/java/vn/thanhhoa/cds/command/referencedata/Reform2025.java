package vn.thanhhoa.cds.command.referencedata;

import vn.thanhhoa.cds.command.map.MapCommands.*;
import vn.thanhhoa.cds.command.map.RegisterAdministrativeUnits;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.map.Share;
import vn.thanhhoa.cds.events.map.UnitId;
import vn.thanhhoa.cds.events.map.UnitLevel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.*;

/**
 * Thanh Hóa's 2025 reform as one map reorganisation: the 166 new communes (thanh-hoa-communes-2025.csv), the lineage
 * of the old ones (thanh-hoa-lineage-2025-detailed.csv: splits and mergers with their shares and clauses), and the
 * end of every district. Old communes merged away in 2024 are not recorded as a separate step: the lineage chains
 * them to their 2025 successor, and its basis column says so. An old commune with no successor in any source is
 * dissolved with the source's note.
 */
public final class Reform2025 {
    public static final String ID = "NQ1686-2025";
    public static final LocalDate EFFECTIVE = LocalDate.of(2025, 7, 1);
    public static final String BASIS = "Nghị quyết 1686/NQ-UBTVQH15 ngày 16/06/2025 về sắp xếp đơn vị hành chính cấp xã "
            + "của tỉnh Thanh Hóa năm 2025; mã đơn vị theo Công văn 1027/CTK-CSCL ngày 25/06/2025";
    static final String DISTRICTS_BASIS = "Chính quyền địa phương hai cấp từ 01/07/2025: không còn đơn vị hành chính cấp huyện";

    private Reform2025() {
    }

    private static List<Map<String, String>> csv(InputStream in) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String[] header = reader.readLine().split(",", -1);
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                List<String> fields = split(line);
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.length; i++) {
                    row.put(header[i], i < fields.size() ? fields.get(i) : "");
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** RFC 4180 fields: the notes are quoted and hold commas. */
    private static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    private static Share share(String value) {
        return Share.valueOf(value.toUpperCase(Locale.ROOT));
    }

    /**
     * @param newUnits    thanh-hoa-communes-2025.csv
     * @param lineage     thanh-hoa-lineage-2025-detailed.csv
     * @param before      the map before the reform, whose districts end and whose communes all go somewhere
     */
    public static ReorganiseMap read(InputStream newUnits, InputStream lineage, PreReformMap before, ActedBy actedBy)
            throws IOException {
        UnitId province = before.units().stream().filter(u -> u.level() == UnitLevel.PROVINCE).findFirst().orElseThrow().unitId();
        List<RegisterAdministrativeUnits.Unit> established = new ArrayList<>();
        for (Map<String, String> row : csv(newUnits)) {
            established.add(new RegisterAdministrativeUnits.Unit(new UnitId(row.get("new_commune_code"), EFFECTIVE),
                    row.get("new_commune_name"), UnitLevel.COMMUNE, row.get("new_commune_type"), province));
        }
        Map<String, List<Part>> splits = new LinkedHashMap<>();
        Map<String, List<Part>> merges = new LinkedHashMap<>();
        Map<String, Set<String>> clauses = new HashMap<>();
        Map<String, String> notes = new HashMap<>();
        Set<String> ceasing = new HashSet<>();
        for (Map<String, String> row : csv(lineage)) {
            String old = row.get("old_commune_code");
            String successor = row.get("new_commune_code");
            if (successor.isBlank()) {
                notes.put(old, row.get("note")); // no absorbing unit in any source: dissolved below with this note
                continue;
            }
            UnitId predecessor = new UnitId(old, PreReformMap.EFFECTIVE_FROM);
            UnitId next = new UnitId(successor, EFFECTIVE);
            Share share = share(row.get("share"));
            merges.computeIfAbsent(successor, k -> new ArrayList<>()).add(new Part(predecessor, share));
            clauses.computeIfAbsent(successor, k -> new TreeSet<>()).add(clause(row));
            if (share == Share.PARTIAL || share == Share.REMAINDER) {
                splits.computeIfAbsent(old, k -> new ArrayList<>()).add(new Part(next, share));
            }
            ceasing.add(old);
        }
        List<Split> splitList = splits.entrySet().stream()
                .map(e -> new Split(new UnitId(e.getKey(), PreReformMap.EFFECTIVE_FROM), e.getValue(), null)).toList();
        List<Merge> mergeList = merges.entrySet().stream()
                .map(e -> new Merge(new UnitId(e.getKey(), EFFECTIVE), e.getValue(),
                        BASIS + " — " + String.join("; ", clauses.get(e.getKey()))))
                .toList();
        List<Dissolution> dissolutions = new ArrayList<>();
        for (RegisterAdministrativeUnits.Unit unit : before.units()) {
            if (unit.level() == UnitLevel.DISTRICT) {
                dissolutions.add(new Dissolution(unit.unitId(), DISTRICTS_BASIS));
            } else if (unit.level() == UnitLevel.COMMUNE && !ceasing.contains(unit.unitId().code())) {
                dissolutions.add(new Dissolution(unit.unitId(), notes.getOrDefault(unit.unitId().code(),
                        "Không có trong danh sách kế thừa năm 2025 / not in the 2025 lineage")));
            }
        }
        return new ReorganiseMap(province.code(), ID, EFFECTIVE, BASIS, established, splitList,
                mergeList, List.of(), List.of(), dissolutions, actedBy);
    }

    private static String clause(Map<String, String> row) {
        String clause = "khoản " + row.get("nq1686_clause");
        return "NQ1686".equals(row.get("basis")) ? clause : clause + " (" + row.get("basis") + ": " + row.get("note") + ")";
    }
}
