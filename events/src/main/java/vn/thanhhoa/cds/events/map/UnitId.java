package vn.thanhhoa.cds.events.map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Identity of an administrative unit: its code together with the date it took effect. A code alone is not an identity:
 * codes are reused (14923 was Thị trấn Cành Nàng until 30/06/2025 and is Xã Bá Thước since 01/07/2025).
 * Serialised as {@code "14923@2020-01-01"}.
 */
public record UnitId(String code, LocalDate effectiveFrom) {
    public UnitId {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
    }

    public static UnitId parse(String value) {
        int at = value.indexOf('@');
        if (at <= 0) {
            throw new IllegalArgumentException("not a unit id: " + value);
        }
        return new UnitId(value.substring(0, at), LocalDate.parse(value.substring(at + 1)));
    }

    @JsonValue
    @Override
    public String toString() {
        return code + "@" + effectiveFrom;
    }

    @JsonCreator
    static UnitId fromJson(String value) {
        return parse(value);
    }
}
