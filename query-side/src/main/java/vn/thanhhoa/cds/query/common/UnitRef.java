package vn.thanhhoa.cds.query.common;

/** A unit named in an answer: its code then, its name then, and its identity (a code is not an identity). */
public record UnitRef(String code, String name, String unitId) {
}
