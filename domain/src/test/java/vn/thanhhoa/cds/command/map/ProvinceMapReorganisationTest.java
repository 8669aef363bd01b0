package vn.thanhhoa.cds.command.map;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.thanhhoa.cds.command.map.MapCommands.*;
import vn.thanhhoa.cds.command.map.RegisterAdministrativeUnits.Unit;
import vn.thanhhoa.cds.events.common.DocumentRef;
import vn.thanhhoa.cds.events.map.*;
import vn.thanhhoa.cds.events.common.Rejection;

import java.time.LocalDate;
import java.util.List;

import static vn.thanhhoa.cds.command.ProblemMatchers.problem;
import static vn.thanhhoa.cds.command.TestData.*;

/**
 * The map's reorganisations, on real units: Thị trấn Hà Trung (15271) split between Xã Hà Trung (15271, new) and Xã
 * Hoạt Giang (15286, new); Thị trấn Cành Nàng (14923) merged into Xã Bá Thước (14923, new); the districts dissolved.
 */
class ProvinceMapReorganisationTest {
    private static final LocalDate REFORM = LocalDate.of(2025, 7, 1);
    private static final String BASIS = "Nghị quyết 1686/NQ-UBTVQH15";
    private static final UnitId PROVINCE = new UnitId("38", MAP_2020);
    private static final UnitId XA_HA_TRUNG = new UnitId("15271", REFORM);
    private static final UnitId HOAT_GIANG = new UnitId("15286", REFORM);
    private static final UnitId XA_BA_THUOC = new UnitId("14923", REFORM);
    private static final UnitId AGENCY = new UnitId("38-SKHCN", REFORM);

    private AggregateTestFixture<ProvinceMap> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ProvinceMap.class);
    }

    private static AdministrativeUnitRegistered registered(UnitId id, String name, UnitLevel level, UnitId parent) {
        return new AdministrativeUnitRegistered("38", id, name, level, "x", parent, id.effectiveFrom(), "test", province());
    }

    private static List<Object> mapBefore() {
        return List.of(
                registered(PROVINCE, "Tỉnh Thanh Hóa", UnitLevel.PROVINCE, null),
                registered(BA_THUOC, "Huyện Bá Thước", UnitLevel.DISTRICT, PROVINCE),
                registered(HA_TRUNG, "Huyện Hà Trung", UnitLevel.DISTRICT, PROVINCE),
                registered(CANH_NANG, "Thị trấn Cành Nàng", UnitLevel.COMMUNE, BA_THUOC),
                registered(HA_TRUNG_TOWN, "Thị trấn Hà Trung", UnitLevel.COMMUNE, HA_TRUNG));
    }

    private static Unit newCommune(UnitId id, String name) {
        return new Unit(id, name, UnitLevel.COMMUNE, "xa", PROVINCE);
    }

    private static ReorganiseMap reform() {
        return new ReorganiseMap("38", "NQ1686-2025", REFORM, BASIS,
                List.of(newCommune(XA_HA_TRUNG, "Xã Hà Trung"), newCommune(HOAT_GIANG, "Xã Hoạt Giang"),
                        newCommune(XA_BA_THUOC, "Xã Bá Thước")),
                List.of(new Split(HA_TRUNG_TOWN, List.of(new Part(XA_HA_TRUNG, Share.PARTIAL), new Part(HOAT_GIANG, Share.REMAINDER)), null)),
                List.of(new Merge(XA_BA_THUOC, List.of(new Part(CANH_NANG, Share.FULL)), "khoản 100")),
                List.of(), List.of(),
                List.of(new Dissolution(BA_THUOC, "hai cấp"), new Dissolution(HA_TRUNG, "hai cấp")),
                province());
    }

    @Test
    void theReformRecordsNewUnitsSplitsMergersAndTheEndOfTheDistricts() {
        fixture.given(mapBefore())
                .when(reform())
                .expectEvents(
                        new AdministrativeUnitRegistered("38", XA_HA_TRUNG, "Xã Hà Trung", UnitLevel.COMMUNE, "xa", PROVINCE, REFORM, BASIS, province()),
                        new AdministrativeUnitRegistered("38", HOAT_GIANG, "Xã Hoạt Giang", UnitLevel.COMMUNE, "xa", PROVINCE, REFORM, BASIS, province()),
                        new AdministrativeUnitRegistered("38", XA_BA_THUOC, "Xã Bá Thước", UnitLevel.COMMUNE, "xa", PROVINCE, REFORM, BASIS, province()),
                        new AdministrativeUnitSplit("38", HA_TRUNG_TOWN, List.of(new AdministrativeUnitSplit.Part(XA_HA_TRUNG, Share.PARTIAL),
                                new AdministrativeUnitSplit.Part(HOAT_GIANG, Share.REMAINDER)), REFORM, BASIS, province()),
                        new AdministrativeUnitsMerged("38", XA_BA_THUOC, List.of(new AdministrativeUnitsMerged.Part(CANH_NANG, Share.FULL)),
                                REFORM, "khoản 100", province()),
                        new AdministrativeUnitDissolved("38", BA_THUOC, REFORM, BASIS, "hai cấp", province()),
                        new AdministrativeUnitDissolved("38", HA_TRUNG, REFORM, BASIS, "hai cấp", province()),
                        new AdministrativeMapReorganised("38", "NQ1686-2025", REFORM, BASIS, 3, 4, province()));
    }

    @Test
    void aReorganisationIsRecordedOnce() {
        fixture.given(mapBefore())
                .andGivenCommands(reform())
                .when(reform())
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aDistrictCannotEndWhileItsCommunesGoOn() {
        ReorganiseMap onlyDistricts = new ReorganiseMap("38", "districts-only", REFORM, BASIS, List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(new Dissolution(BA_THUOC, "")), province());
        fixture.given(mapBefore())
                .when(onlyDistricts)
                .expectException(problem(Rejection.Reason.INVALID, "ORPHANED_UNIT"))
                .expectNoEvents();
    }

    @Test
    void aMergedAwayUnitCannotBeMergedAgain() {
        ReorganiseMap again = new ReorganiseMap("38", "later", REFORM.plusYears(1), BASIS, List.of(), List.of(),
                List.of(new Merge(XA_BA_THUOC, List.of(new Part(CANH_NANG, Share.FULL)), null)), List.of(), List.of(), List.of(), province());
        fixture.given(mapBefore())
                .andGivenCommands(reform())
                .when(again)
                .expectException(problem(Rejection.Reason.INVALID, "UNIT_NOT_IN_FORCE"))
                .expectNoEvents();
    }

    @Test
    void aLaterMergerOfTodaysCommunesIsJustAnotherReorganisation() {
        UnitId merged = new UnitId("15271", LocalDate.of(2027, 1, 1));
        ReorganiseMap later = new ReorganiseMap("38", "NQ-2027", merged.effectiveFrom(), "Nghị quyết 2027",
                List.of(newCommune(merged, "Xã Hà Trung")), List.of(),
                List.of(new Merge(merged, List.of(new Part(XA_HA_TRUNG, Share.FULL), new Part(HOAT_GIANG, Share.FULL)), null)),
                List.of(), List.of(), List.of(), province());
        fixture.given(mapBefore())
                .andGivenCommands(reform())
                .when(later)
                .expectSuccessfulHandlerExecution()
                .expectEvents(
                        new AdministrativeUnitRegistered("38", merged, "Xã Hà Trung", UnitLevel.COMMUNE, "xa", PROVINCE, merged.effectiveFrom(), "Nghị quyết 2027", province()),
                        new AdministrativeUnitsMerged("38", merged, List.of(new AdministrativeUnitsMerged.Part(XA_HA_TRUNG, Share.FULL),
                                new AdministrativeUnitsMerged.Part(HOAT_GIANG, Share.FULL)), merged.effectiveFrom(), "Nghị quyết 2027", province()),
                        new AdministrativeMapReorganised("38", "NQ-2027", merged.effectiveFrom(), "Nghị quyết 2027", 1, 2, province()));
    }

    @Test
    void renamesAndMovesKeepTheUnitsIdentity() {
        ReorganiseMap renameAndMove = new ReorganiseMap("38", "rename", LocalDate.of(2024, 1, 1), "NQ", List.of(), List.of(), List.of(),
                List.of(new Rename(CANH_NANG, "Thị trấn Cành Nàng mới")), List.of(new Move(CANH_NANG, HA_TRUNG)), List.of(), province());
        fixture.given(mapBefore())
                .when(renameAndMove)
                .expectEvents(
                        new AdministrativeUnitRenamed("38", CANH_NANG, "Thị trấn Cành Nàng", "Thị trấn Cành Nàng mới", LocalDate.of(2024, 1, 1), "NQ", province()),
                        new AdministrativeUnitMoved("38", CANH_NANG, BA_THUOC, HA_TRUNG, LocalDate.of(2024, 1, 1), "NQ", province()),
                        new AdministrativeMapReorganised("38", "rename", LocalDate.of(2024, 1, 1), "NQ", 0, 0, province()))
                // a rename and a move are changes: the answer counts them (201), unlike a reorganisation recorded already
                .expectResultMessagePayload(2);
    }

    @Test
    void onlyTheProvinceReorganisesTheMap() {
        fixture.given(mapBefore())
                .when(new ReorganiseMap("38", "x", REFORM, BASIS, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), district(HA_TRUNG)))
                .expectException(problem(Rejection.Reason.NOT_PERMITTED, "PROVINCE_ONLY"))
                .expectNoEvents();
    }

    @Test
    void theProvinceDesignatesWhoAppraisesCommunesWithoutADistrict() {
        DocumentRef decision = DocumentRef.of("1/QĐ-UBND", REFORM);
        fixture.given(mapBefore())
                .andGivenCommands(new RegisterAdministrativeUnits("38", List.of(new Unit(AGENCY, "Sở KH&CN", UnitLevel.AGENCY, "so", PROVINCE)), "test", province()))
                .when(new DesignateAppraisalAuthority("38", AGENCY, REFORM, decision, province()))
                .expectEvents(new AppraisalAuthorityDesignated("38", AGENCY, REFORM, decision, province()));
    }

    @Test
    void anAppraiserMustBeOnTheMap() {
        fixture.given(mapBefore())
                .when(new DesignateAppraisalAuthority("38", AGENCY, REFORM, DocumentRef.of("1/QĐ-UBND", REFORM), province()))
                .expectException(problem(Rejection.Reason.INVALID, "UNIT_NOT_IN_FORCE"))
                .expectNoEvents();
    }
}
