package vn.thanhhoa.cds.events.criteria;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A framework's points over time: the framework as published, then each amendment of its points from the day its
 * decision was taken. The one representation of points over time: the card scores with {@link #current()}, the views
 * of the decisions in force on a day with {@link #inForceOn(LocalDate)}, and a version is named by how many
 * amendments had been decided ({@link #versionOn(LocalDate)}).
 *
 * <p>The amendments decided by a day are always the first ones in the order of their decision dates (then of their
 * recording), so versions 0 … n name every set of points the framework ever had in force; each version applies its
 * amendments in the order they were recorded, as the aggregate did.
 */
public record FrameworkVersions(CriteriaFramework published, List<Amendment> amendments) {
    public FrameworkVersions {
        Objects.requireNonNull(published, "published");
        amendments = amendments.stream().sorted(Comparator.comparing(Amendment::decidedOn)
                .thenComparing(Amendment::sequence)).toList();
    }

    /**
     * @param sequence  the amendment's place among the framework's amendments, in the order recorded (1, 2, …)
     * @param decidedOn the day its decision was taken (the decision's date, else the day it was recorded)
     * @param points    the new points, by indicator code
     * @param eventId   the event that recorded it (null for amendments kept before events were named here)
     */
    public record Amendment(int sequence, LocalDate decidedOn, Map<String, BigDecimal> points, String eventId) {
        public Amendment {
            Objects.requireNonNull(decidedOn, "decidedOn");
            points = new TreeMap<>(points);
        }
    }

    public static FrameworkVersions of(CriteriaFramework published) {
        return new FrameworkVersions(published, List.of());
    }

    /** With one more amendment, recorded after the others; the same event again changes nothing. */
    public FrameworkVersions amended(String eventId, FrameworkPointsAmended amendment, LocalDate decidedOn) {
        if (eventId != null && amendments.stream().anyMatch(a -> eventId.equals(a.eventId()))) {
            return this;
        }
        List<Amendment> more = new ArrayList<>(amendments);
        more.add(new Amendment(amendments.stream().mapToInt(Amendment::sequence).max().orElse(0) + 1, decidedOn,
                amendment.newPoints(), eventId));
        return new FrameworkVersions(published, more);
    }

    /** The version in force today and from now on: every amendment applied. */
    public int latest() {
        return amendments.size();
    }

    public CriteriaFramework current() {
        return atVersion(latest());
    }

    /** How many amendments had been decided by that day: the version in force on it. */
    public int versionOn(LocalDate day) {
        return (int) amendments.stream().filter(a -> !a.decidedOn().isAfter(day)).count();
    }

    /** The points as the decisions taken by that day set them. */
    public CriteriaFramework inForceOn(LocalDate day) {
        return atVersion(versionOn(day));
    }

    /** The framework with the first {@code version} amendments (by decision date) applied in the order recorded. */
    public CriteriaFramework atVersion(int version) {
        CriteriaFramework framework = published;
        for (Amendment amendment : amendments.subList(0, version).stream()
                .sorted(Comparator.comparing(Amendment::sequence)).toList()) {
            framework = framework.withPoints(amendment.points());
        }
        return framework;
    }
}
