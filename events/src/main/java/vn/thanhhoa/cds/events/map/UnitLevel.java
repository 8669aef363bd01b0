package vn.thanhhoa.cds.events.map;

/** Tier of an administrative unit (cấp hành chính). */
public enum UnitLevel {
    /** tỉnh / thành phố trực thuộc trung ương */
    PROVINCE,
    /** huyện, thị xã, thành phố thuộc tỉnh, quận — abolished on 1 July 2025 */
    DISTRICT,
    /** xã, phường, thị trấn */
    COMMUNE,
    /** a provincial body that is not a tier of the map but may be designated to appraise (e.g. Sở KH&CN) */
    AGENCY
}
