package vn.thanhhoa.cds.events.map;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The claim rule on real units of Thanh Hóa, as ../shared/data records them. */
class SuccessionTest {
    private static final LocalDate OLD_MAP = LocalDate.of(2020, 1, 1);
    private static final LocalDate REFORM = LocalDate.of(2025, 7, 1);
    private static final UnitId CANH_NANG = new UnitId("14923", OLD_MAP);        // Thị trấn Cành Nàng
    private static final UnitId HA_TRUNG_XA_CU = new UnitId("14962", OLD_MAP);   // Xã Hạ Trung, merged whole
    private static final UnitId XA_BA_THUOC = new UnitId("14923", REFORM);      // Xã Bá Thước
    private static final UnitId HA_TRUNG_TOWN = new UnitId("15271", OLD_MAP);    // Thị trấn Hà Trung, split
    private static final UnitId XA_HA_TRUNG = new UnitId("15271", REFORM);      // took part of it
    private static final UnitId HOAT_GIANG = new UnitId("15286", REFORM);       // kept the remainder
    private static final UnitId HUYEN_HA_TRUNG = new UnitId("392", OLD_MAP);     // dissolved on 01/07/2025

    private final Map<UnitId, LocalDate> ceased = new HashMap<>();
    private final Map<UnitId, Map<UnitId, Share>> predecessors = new HashMap<>();
    private final Succession.UnitsOverTime map = new Succession.UnitsOverTime() {
        @Override
        public Map<UnitId, LocalDate> unitsCoded(String code) {
            Map<UnitId, LocalDate> units = new HashMap<>();
            for (UnitId unit : Set.of(CANH_NANG, HA_TRUNG_XA_CU, XA_BA_THUOC, HA_TRUNG_TOWN, XA_HA_TRUNG, HOAT_GIANG, HUYEN_HA_TRUNG)) {
                if (unit.code().equals(code)) {
                    units.put(unit, ceased.get(unit));
                }
            }
            return units;
        }

        @Override
        public Map<UnitId, Share> predecessorsOf(UnitId successor) {
            return predecessors.getOrDefault(successor, Map.of());
        }
    };

    SuccessionTest() {
        for (UnitId old : Set.of(CANH_NANG, HA_TRUNG_XA_CU, HA_TRUNG_TOWN, HUYEN_HA_TRUNG)) {
            ceased.put(old, REFORM);
        }
        predecessors.put(XA_BA_THUOC, Map.of(CANH_NANG, Share.FULL, HA_TRUNG_XA_CU, Share.FULL));
        predecessors.put(XA_HA_TRUNG, Map.of(HA_TRUNG_TOWN, Share.PARTIAL));
        predecessors.put(HOAT_GIANG, Map.of(HA_TRUNG_TOWN, Share.REMAINDER));
    }

    @Test
    void aClaimNamesTheUnitBearingTheCodeOnTheDay() {
        assertThat(Succession.claimedUnit("14923", LocalDate.of(2023, 3, 1), map)).contains(CANH_NANG);
        assertThat(Succession.claimedUnit("14923", LocalDate.of(2025, 6, 30), map)).contains(CANH_NANG);
        assertThat(Succession.claimedUnit("14923", REFORM, map)).contains(XA_BA_THUOC);
        assertThat(Succession.claimedUnit("14923", LocalDate.of(2026, 11, 30), map)).contains(XA_BA_THUOC);
    }

    @Test
    void aCeasedCodeNamesTheLastUnitThatBoreIt() {
        assertThat(Succession.claimedUnit("392", LocalDate.of(2026, 11, 30), map)).contains(HUYEN_HA_TRUNG);
        assertThat(Succession.claimedUnit("99999", LocalDate.of(2026, 11, 30), map)).isEmpty();
        assertThat(Succession.claimedUnit("15286", LocalDate.of(2024, 1, 1), map)).as("not yet established").isEmpty();
    }

    @Test
    void aCommuneMergedWholeIsActedForByItsSuccessor() {
        assertThat(Succession.mandate("14923", LocalDate.of(2026, 11, 30), map))
                .containsExactlyInAnyOrder(XA_BA_THUOC, CANH_NANG, HA_TRUNG_XA_CU);
        // before the reform the code is Cành Nàng's alone
        assertThat(Succession.mandate("14923", LocalDate.of(2024, 5, 1), map)).containsExactly(CANH_NANG);
    }

    @Test
    void aSplitCommuneIsActedForByTheSuccessorThatKeptTheRemainderNotByTheOneReusingItsCode() {
        assertThat(Succession.mandate("15271", LocalDate.of(2026, 11, 30), map)).containsExactly(XA_HA_TRUNG);
        assertThat(Succession.mandate("15286", LocalDate.of(2026, 11, 30), map))
                .containsExactlyInAnyOrder(HOAT_GIANG, HA_TRUNG_TOWN);
    }

    @Test
    void successionChains() {
        UnitId mergedIn2024 = new UnitId("14926", OLD_MAP);
        ceased.put(mergedIn2024, LocalDate.of(2024, 1, 1));
        predecessors.put(CANH_NANG, Map.of(mergedIn2024, Share.FULL));
        assertThat(Succession.mandate("14923", LocalDate.of(2026, 11, 30), map)).contains(mergedIn2024);
    }
}
