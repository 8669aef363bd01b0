package vn.thanhhoa.cds.events.targets;

import vn.thanhhoa.cds.events.map.UnitId;

/** The number of communes a district is to bring to recognition in a year. */
public record DistrictTarget(UnitId district, int communes) {
}
