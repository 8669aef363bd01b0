package vn.thanhhoa.cds.command.map;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.thanhhoa.cds.command.map.RegisterAdministrativeUnits.Unit;
import vn.thanhhoa.cds.events.map.AdministrativeUnitRegistered;
import vn.thanhhoa.cds.events.map.UnitId;
import vn.thanhhoa.cds.events.map.UnitLevel;
import vn.thanhhoa.cds.events.common.Rejection;

import java.util.List;

import static vn.thanhhoa.cds.command.ProblemMatchers.problem;
import static vn.thanhhoa.cds.command.TestData.*;

class ProvinceMapTest {
    private static final UnitId THANH_HOA = new UnitId("38", MAP_2020);
    private static final Unit PROVINCE = new Unit(THANH_HOA, "Tỉnh Thanh Hóa", UnitLevel.PROVINCE, "tinh", null);
    private static final Unit DISTRICT = new Unit(BA_THUOC, "Huyện Bá Thước", UnitLevel.DISTRICT, "huyen", THANH_HOA);
    private static final Unit TOWN = new Unit(CANH_NANG, "Thị trấn Cành Nàng", UnitLevel.COMMUNE, "thi-tran", BA_THUOC);

    private AggregateTestFixture<ProvinceMap> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ProvinceMap.class);
    }

    private static AdministrativeUnitRegistered registered(Unit unit) {
        return new AdministrativeUnitRegistered("38", unit.unitId(), unit.name(), unit.level(), unit.kind(), unit.parent(),
                unit.unitId().effectiveFrom(), "test", province());
    }

    @Test
    void unitsEnterTheMapParentsFirst() {
        fixture.givenNoPriorActivity()
                .when(new RegisterAdministrativeUnits("38", List.of(PROVINCE, DISTRICT, TOWN), "test", province()))
                .expectEvents(registered(PROVINCE), registered(DISTRICT), registered(TOWN));
    }

    @Test
    void unitsAlreadyOnTheMapAreNotRegisteredAgain() {
        fixture.given(registered(PROVINCE), registered(DISTRICT))
                .when(new RegisterAdministrativeUnits("38", List.of(PROVINCE, DISTRICT, TOWN), "test", province()))
                .expectEvents(registered(TOWN));
    }

    @Test
    void aUnitNeedsItsParentOnTheMap() {
        fixture.given(registered(PROVINCE))
                .when(new RegisterAdministrativeUnits("38", List.of(TOWN), "test", province()))
                .expectException(problem(Rejection.Reason.INVALID, "UNKNOWN_PARENT"))
                .expectNoEvents();
    }

    @Test
    void onlyTheProvinceDrawsTheMap() {
        fixture.givenNoPriorActivity()
                .when(new RegisterAdministrativeUnits("38", List.of(PROVINCE), "test", commune(CANH_NANG)))
                .expectException(problem(Rejection.Reason.NOT_PERMITTED, "PROVINCE_ONLY"))
                .expectNoEvents();
    }
}
