package vn.thanhhoa.cds.command.assessment;

import vn.thanhhoa.cds.events.map.Succession;
import vn.thanhhoa.cds.events.map.UnitId;

import java.time.LocalDate;
import java.util.Optional;

/**
 * What the map over time says, as an assessment's rules need it: who appraises a commune on a day, who succeeded
 * whom, and the units a person's unit claim names ({@link Succession}). The command handlers ask it, so the rules
 * live in the aggregate (and its fixtures) rather than in controllers.
 */
public interface MapFacts extends Succession.UnitsOverTime {
    /** The commune's district while districts exist; since 01/07/2025 the body the province designated. */
    Optional<UnitId> appraiserOf(UnitId commune, LocalDate day);

    /** Whether {@code successor} took over (all or part of) {@code predecessor} in a reorganisation. */
    boolean isSuccessor(UnitId predecessor, UnitId successor);
}
