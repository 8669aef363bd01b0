package vn.thanhhoa.cds.command.referencedata;

import org.junit.jupiter.api.Test;
import vn.thanhhoa.cds.events.map.UnitId;
import vn.thanhhoa.cds.events.map.UnitLevel;
import vn.thanhhoa.cds.events.targets.DistrictTarget;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.thanhhoa.cds.command.TestData.*;

class ReferenceFilesTest {

    private static PreReformMap map() throws IOException {
        try (InputStream in = ReferenceFilesTest.class.getResourceAsStream("/reference-data/thanh-hoa-communes.csv")) {
            return PreReformMap.read(in);
        }
    }

    @Test
    void thanhHoaBeforeTheReformHas27DistrictsAnd559Communes() throws IOException {
        PreReformMap map = map();
        assertThat(map.units()).filteredOn(u -> u.level() == UnitLevel.DISTRICT).hasSize(27);
        assertThat(map.units()).filteredOn(u -> u.level() == UnitLevel.COMMUNE).hasSize(559);
        assertThat(map.units()).filteredOn(u -> u.unitId().equals(CANH_NANG))
                .singleElement().satisfies(u -> {
                    assertThat(u.name()).isEqualTo("Thị trấn Cành Nàng");
                    assertThat(u.parent()).isEqualTo(BA_THUOC);
                });
        assertThat(map.communesPerDistrict()).containsEntry(HA_TRUNG, 20);
    }

    @Test
    void yearlyTargetSplitsInProportionToCommunesAndAddsUp() throws IOException {
        Map<UnitId, Integer> communes = map().communesPerDistrict();
        for (int total : List.of(94, 132, 133, 118)) {
            List<DistrictTarget> split = TargetSplit.proportional(total, communes);
            assertThat(split).hasSize(27);
            assertThat(split.stream().mapToInt(DistrictTarget::communes).sum()).isEqualTo(total);
            for (DistrictTarget target : split) {
                double exact = total * communes.get(target.district()) / 559.0;
                assertThat((double) target.communes()).isBetween(Math.floor(exact), Math.ceil(exact));
            }
        }
    }

    @Test
    void largestRemaindersGetTheLeftOverCommunes() {
        UnitId a = new UnitId("1", MAP_2020), b = new UnitId("2", MAP_2020), c = new UnitId("3", MAP_2020);
        // 10 × (5, 3, 2)/10 is exact; 4 × (5, 3, 2)/10 = 2.0, 1.2, 0.8 → 2, 1, 1
        assertThat(TargetSplit.proportional(4, new java.util.LinkedHashMap<>(Map.of(a, 5, b, 3, c, 2))))
                .containsExactlyInAnyOrder(new DistrictTarget(a, 2), new DistrictTarget(b, 1), new DistrictTarget(c, 1));
    }
}
