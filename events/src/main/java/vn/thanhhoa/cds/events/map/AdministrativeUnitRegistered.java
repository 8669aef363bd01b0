package vn.thanhhoa.cds.events.map;

import org.axonframework.serialization.Revision;
import vn.thanhhoa.cds.events.common.ActedBy;

import java.time.LocalDate;

/**
 * A unit entered the province's administrative map. The parent is a district, or the province itself for a unit
 * directly under it (a district, or — since the 2025 reform — a commune).
 *
 * @param provinceCode  the province whose map this is (the map's stream)
 * @param unitId        code + date it took effect
 * @param name          official name, e.g. "Thị trấn Cành Nàng"
 * @param level         tier
 * @param kind          huyen, thi-xa, thanh-pho, quan, xa, phuong, thi-tran, tinh
 * @param parent        the unit it belongs to; null only for the province
 * @param effectiveFrom first day in force (equals unitId.effectiveFrom)
 * @param basis         legal basis or source of the record
 */
@Revision("1")
public record AdministrativeUnitRegistered(
        String provinceCode,
        UnitId unitId,
        String name,
        UnitLevel level,
        String kind,
        UnitId parent,
        LocalDate effectiveFrom,
        String basis,
        ActedBy actedBy) {
}
