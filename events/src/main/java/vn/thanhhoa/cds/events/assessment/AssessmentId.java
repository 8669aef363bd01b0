package vn.thanhhoa.cds.events.assessment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import vn.thanhhoa.cds.events.map.UnitId;

import java.util.Objects;

/**
 * One commune's assessment for one year: {@code "14923@2020-01-01/2022"}. Deterministic, so that registering the same
 * commune twice for a year is refused by the event store itself.
 */
public record AssessmentId(UnitId commune, int year) {
    public AssessmentId {
        Objects.requireNonNull(commune, "commune");
    }

    public static AssessmentId parse(String value) {
        int slash = value.lastIndexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("not an assessment id: " + value);
        }
        return new AssessmentId(UnitId.parse(value.substring(0, slash)), Integer.parseInt(value.substring(slash + 1)));
    }

    @JsonValue
    @Override
    public String toString() {
        return commune + "/" + year;
    }

    @JsonCreator
    static AssessmentId fromJson(String value) {
        return parse(value);
    }
}
