package vn.thanhhoa.cds.command.map;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.common.DocumentRef;
import vn.thanhhoa.cds.events.map.Share;
import vn.thanhhoa.cds.events.map.UnitId;

import java.time.LocalDate;
import java.util.List;

/** Changes to a province's map after it was first drawn. */
public final class MapCommands {
    private MapCommands() {
    }

    /**
     * One reorganisation by one legal act, all on one effective date: new units, splits, mergers, renames, moves and
     * dissolutions. Recorded once per {@code reorganisationId}; asked again, it records nothing.
     */
    public record ReorganiseMap(String provinceCode, String reorganisationId, LocalDate effectiveDate, String basis,
                                List<RegisterAdministrativeUnits.Unit> newUnits, List<Split> splits,
                                List<Merge> merges, List<Rename> renames, List<Move> moves,
                                List<Dissolution> dissolutions, ActedBy actedBy) {
        public ReorganiseMap {
            newUnits = newUnits == null ? List.of() : List.copyOf(newUnits);
            splits = splits == null ? List.of() : List.copyOf(splits);
            merges = merges == null ? List.of() : List.copyOf(merges);
            renames = renames == null ? List.of() : List.copyOf(renames);
            moves = moves == null ? List.of() : List.copyOf(moves);
            dissolutions = dissolutions == null ? List.of() : List.copyOf(dissolutions);
        }

        @TargetAggregateIdentifier
        public String mapId() {
            return ProvinceMap.streamId(provinceCode);
        }
    }

    public record Part(UnitId unit, Share share) {
    }

    public record Split(UnitId predecessor, List<Part> successors, String basis) {
    }

    public record Merge(UnitId successor, List<Part> predecessors, String basis) {
    }

    public record Rename(UnitId unit, String newName) {
    }

    public record Move(UnitId unit, UnitId newParent) {
    }

    public record Dissolution(UnitId unit, String note) {
    }

    /** Who appraises communes without a district above them, from a date. */
    public record DesignateAppraisalAuthority(String provinceCode, UnitId appraiser, LocalDate effectiveFrom,
                                              DocumentRef decision, ActedBy actedBy) {
        @TargetAggregateIdentifier
        public String mapId() {
            return ProvinceMap.streamId(provinceCode);
        }
    }
}
