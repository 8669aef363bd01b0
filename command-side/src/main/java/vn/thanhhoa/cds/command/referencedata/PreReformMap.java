package vn.thanhhoa.cds.command.referencedata;

import vn.thanhhoa.cds.command.map.RegisterAdministrativeUnits.Unit;
import vn.thanhhoa.cds.events.map.UnitId;
import vn.thanhhoa.cds.events.map.UnitLevel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Thanh Hóa's map before the 2025 reform, from the statistics office's register (thanh-hoa-communes.csv: province,
 * district, commune per row). The register is the one in force from 2020 to 30/06/2025; its units are recorded as in
 * force from {@link #EFFECTIVE_FROM}, the start of that register, since it gives no earlier dates.
 */
public record PreReformMap(List<Unit> units, Map<UnitId, Integer> communesPerDistrict) {
    public static final LocalDate EFFECTIVE_FROM = LocalDate.of(2020, 1, 1);
    public static final String BASIS = "Danh mục đơn vị hành chính Việt Nam (Tổng cục Thống kê), bản hiệu lực 2020 – 30/06/2025";

    public static PreReformMap read(InputStream csv) throws IOException {
        List<Unit> units = new ArrayList<>();
        Map<UnitId, Integer> perDistrict = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8))) {
            String header = reader.readLine();
            if (header == null || !header.startsWith("province_code,")) {
                throw new IOException("unexpected header: " + header);
            }
            UnitId province = null;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (province == null) {
                    province = new UnitId(f[0], EFFECTIVE_FROM);
                    units.add(new Unit(province, f[1], UnitLevel.PROVINCE, "tinh", null));
                }
                UnitId district = new UnitId(f[2], EFFECTIVE_FROM);
                if (!perDistrict.containsKey(district)) {
                    units.add(new Unit(district, f[3], UnitLevel.DISTRICT, f[4], province));
                    perDistrict.put(district, 0);
                }
                units.add(new Unit(new UnitId(f[5], EFFECTIVE_FROM), f[6], UnitLevel.COMMUNE, f[7], district));
                perDistrict.merge(district, 1, Integer::sum);
            }
        }
        return new PreReformMap(List.copyOf(units), perDistrict);
    }
}
