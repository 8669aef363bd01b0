package vn.thanhhoa.cds.command.referencedata;

import org.junit.jupiter.api.Test;
import vn.thanhhoa.cds.command.map.MapCommands;
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
    void theReformOf2025Gives166CommunesAndEndsEveryDistrictAndEveryOldCommune() throws IOException {
        PreReformMap before = map();
        MapCommands.ReorganiseMap reform;
        try (InputStream units = getClass().getResourceAsStream("/reference-data/thanh-hoa-communes-2025.csv");
             InputStream lineage = getClass().getResourceAsStream("/reference-data/thanh-hoa-lineage-2025-detailed.csv")) {
            reform = Reform2025.read(units, lineage, before, province());
        }
        assertThat(reform.newUnits()).hasSize(166).allSatisfy(u -> {
            assertThat(u.unitId().effectiveFrom()).isEqualTo(Reform2025.EFFECTIVE);
            assertThat(u.parent().code()).isEqualTo("38");
        });
        assertThat(reform.merges()).hasSize(166);
        // Thị trấn Hà Trung split between Xã Hà Trung (15271) and Xã Hoạt Giang (15286)
        assertThat(reform.splits()).hasSize(10).anySatisfy(split -> {
            assertThat(split.predecessor()).isEqualTo(HA_TRUNG_TOWN);
            assertThat(split.successors()).extracting(p -> p.unit().code() + ":" + p.share())
                    .containsExactlyInAnyOrder("15271:PARTIAL", "15286:REMAINDER");
        });
        assertThat(reform.dissolutions()).filteredOn(d -> d.unit().code().length() == 3).hasSize(27);
        java.util.Set<String> ceasing = new java.util.HashSet<>();
        reform.merges().forEach(m -> m.predecessors().stream()
                .filter(p -> p.share() == vn.thanhhoa.cds.events.map.Share.FULL || p.share() == vn.thanhhoa.cds.events.map.Share.UNCHANGED)
                .forEach(p -> ceasing.add(p.unit().code())));
        reform.splits().forEach(sp -> ceasing.add(sp.predecessor().code()));
        reform.dissolutions().forEach(d -> ceasing.add(d.unit().code()));
        assertThat(before.units()).filteredOn(u -> u.level() == UnitLevel.COMMUNE)
                .allSatisfy(u -> assertThat(ceasing).contains(u.unitId().code()));
        // Xã Thạch Đồng: no source names the unit that absorbed it — dissolved, with the source's note
        assertThat(reform.dissolutions()).filteredOn(d -> d.unit().code().equals("15217"))
                .singleElement().satisfies(d -> assertThat(d.note()).contains("UNRESOLVED").doesNotContain("not in the 2025 lineage")
                        .isNotBlank());
    }

    @Test
    void largestRemaindersGetTheLeftOverCommunes() {
        UnitId a = new UnitId("1", MAP_2020), b = new UnitId("2", MAP_2020), c = new UnitId("3", MAP_2020);
        // 10 × (5, 3, 2)/10 is exact; 4 × (5, 3, 2)/10 = 2.0, 1.2, 0.8 → 2, 1, 1
        assertThat(TargetSplit.proportional(4, new java.util.LinkedHashMap<>(Map.of(a, 5, b, 3, c, 2))))
                .containsExactlyInAnyOrder(new DistrictTarget(a, 2), new DistrictTarget(b, 1), new DistrictTarget(c, 1));
    }
}
