package vn.thanhhoa.cds.command.map;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;
import vn.thanhhoa.cds.command.map.MapCommands.*;
import vn.thanhhoa.cds.events.map.Share;
import vn.thanhhoa.cds.events.map.UnitId;
import vn.thanhhoa.cds.events.map.UnitLevel;
import vn.thanhhoa.cds.infra.actor.Actor;
import vn.thanhhoa.cds.infra.actor.CommandDispatcher;
import vn.thanhhoa.cds.infra.actor.ProvinceOnly;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;
import vn.thanhhoa.cds.infra.validation.Bounded;
import vn.thanhhoa.cds.events.common.Limits;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static vn.thanhhoa.cds.events.common.Bound.*;

/**
 * The province records a change of its map — a merger, a split, a rename, a move, a dissolution — as one
 * reorganisation with its legal basis and effective date. Units are named by code; the code is read on the map in
 * force the day before the change (for what ends) or on its first day (for what goes on).
 */
@RestController
@RequestMapping("/api/map/reorganisations")
@Tag(name = "Bản đồ hành chính (lệnh) — map changes")
public class MapCommandController {
    private final CommandDispatcher commands;
    private final UnitDirectory units;
    private final String provinceCode;

    public MapCommandController(CommandDispatcher commands, UnitDirectory units,
                                @Value("${cds.province-code:38}") String provinceCode) {
        this.commands = commands;
        this.units = units;
        this.provinceCode = provinceCode;
    }

    public record NewUnit(@Bounded(CODE) String code, @Bounded(TITLE) String name, @Bounded(CODE) String kind) {
    }

    public record CodeShare(@Bounded(CODE) String code, Share share) {
    }

    public record MergeRequest(@Bounded(CODE) String successorCode, @Size(max = Limits.LIST_ITEMS) List<@Valid CodeShare> predecessors) {
    }

    public record SplitRequest(@Bounded(CODE) String predecessorCode, @Size(max = Limits.LIST_ITEMS) List<@Valid CodeShare> successors) {
    }

    public record RenameRequest(@Bounded(CODE) String code, @Bounded(TITLE) String newName) {
    }

    public record MoveRequest(@Bounded(CODE) String code, @Bounded(CODE) String newParentCode) {
    }

    public record DissolutionRequest(@Bounded(CODE) String code, @Bounded(REASON) String note) {
    }

    public record Reorganisation(@Bounded(IDENTIFIER) String id, @Bounded(DATE) LocalDate effectiveDate,
                                 @Bounded(TITLE) String basis,
                                 @Size(max = Limits.LIST_ITEMS) List<@Valid NewUnit> newUnits,
                                 @Size(max = Limits.LIST_ITEMS) List<@Valid MergeRequest> merges,
                                 @Size(max = Limits.LIST_ITEMS) List<@Valid SplitRequest> splits,
                                 @Size(max = Limits.LIST_ITEMS) List<@Valid RenameRequest> renames,
                                 @Size(max = Limits.LIST_ITEMS) List<@Valid MoveRequest> moves,
                                 @Size(max = Limits.LIST_ITEMS) List<@Valid DissolutionRequest> dissolutions) {
    }

    @PostMapping
    @ProvinceOnly
    @Operation(summary = "Ghi nhận sắp xếp đơn vị hành chính — record a merger, split, rename, move or dissolution")
    public ResponseEntity<Map<String, Object>> reorganise(@Valid @RequestBody Reorganisation body, Actor actor,
                                                          @RequestHeader(value = "Idempotency-Key", required = false) String key) {
        if (body.id() == null || body.id().isBlank()) {
            throw invalid("MISSING_ID", "id", "Cần mã của đợt sắp xếp (ví dụ số nghị quyết).", "id is required.");
        }
        if (body.effectiveDate() == null) {
            throw invalid("MISSING_DATE", "effectiveDate", "Cần ngày có hiệu lực.", "effectiveDate is required.");
        }
        if (body.basis() == null || body.basis().isBlank()) {
            throw invalid("MISSING_BASIS", "basis", "Cần căn cứ pháp lý (số nghị quyết).", "basis (the legal act) is required.");
        }
        list(body.newUnits()).forEach(u -> {
            required(u.code(), "newUnits.code");
            required(u.name(), "newUnits.name");
        });
        list(body.merges()).forEach(m -> {
            required(m.successorCode(), "merges.successorCode");
            list(m.predecessors()).forEach(p -> required(p.code(), "merges.predecessors.code"));
        });
        list(body.splits()).forEach(x -> {
            required(x.predecessorCode(), "splits.predecessorCode");
            list(x.successors()).forEach(p -> required(p.code(), "splits.successors.code"));
        });
        list(body.renames()).forEach(r -> {
            required(r.code(), "renames.code");
            required(r.newName(), "renames.newName");
        });
        list(body.moves()).forEach(m -> {
            required(m.code(), "moves.code");
            required(m.newParentCode(), "moves.newParentCode");
        });
        list(body.dissolutions()).forEach(d -> required(d.code(), "dissolutions.code"));
        LocalDate date = body.effectiveDate();
        LocalDate lastDay = date.minusDays(1);
        UnitId province = units.inForce(provinceCode, date).orElseThrow().unitId();
        List<RegisterAdministrativeUnits.Unit> newUnits = list(body.newUnits()).stream()
                .map(u -> new RegisterAdministrativeUnits.Unit(new UnitId(u.code(), date), u.name(), UnitLevel.COMMUNE,
                        u.kind() == null ? "xa" : u.kind(), province))
                .toList();
        List<Merge> merges = list(body.merges()).stream()
                .map(m -> new Merge(successor(m.successorCode(), date, newUnits), list(m.predecessors()).stream()
                        .map(p -> new Part(existing(p.code(), lastDay), p.share() == null ? Share.FULL : p.share())).toList(), null))
                .toList();
        List<Split> splits = list(body.splits()).stream()
                .map(s -> new Split(existing(s.predecessorCode(), lastDay), list(s.successors()).stream()
                        .map(p -> new Part(successor(p.code(), date, newUnits), p.share() == null ? Share.PARTIAL : p.share())).toList(), null))
                .toList();
        List<Rename> renames = list(body.renames()).stream().map(r -> new Rename(existing(r.code(), date), r.newName())).toList();
        List<Move> moves = list(body.moves()).stream()
                .map(m -> new Move(existing(m.code(), date), existing(m.newParentCode(), date))).toList();
        List<Dissolution> dissolutions = list(body.dissolutions()).stream()
                .map(d -> new Dissolution(existing(d.code(), lastDay), d.note())).toList();
        int changed = commands.send(new ReorganiseMap(provinceCode, body.id().trim(), date, body.basis().trim(), newUnits,
                splits, merges, renames, moves, dissolutions, commands.actedBy(actor)), actor, key,
                Map.of("path", "reorganise", "body", body));
        return ResponseEntity.status(changed == 0 ? 200 : 201).body(Map.of("reorganisationId", body.id(), "changes", changed));
    }

    private static <T> List<T> list(List<T> items) {
        return items == null ? List.of() : items;
    }

    private UnitId existing(String code, LocalDate day) {
        return units.inForce(code, day).map(UnitDirectory.KnownUnit::unitId).orElseThrow(() -> new ProblemException(
                ProblemKind.NOT_FOUND, "UNKNOWN_UNIT", "code", "Không có đơn vị mã " + code + " vào ngày " + day + ".",
                "No unit with code " + code + " on " + day + "."));
    }

    /** A successor is a unit established by this reorganisation or one already in force on its date. */
    private UnitId successor(String code, LocalDate date, List<RegisterAdministrativeUnits.Unit> newUnits) {
        return newUnits.stream().map(RegisterAdministrativeUnits.Unit::unitId).filter(u -> u.code().equals(code)).findFirst()
                .orElseGet(() -> existing(code, date));
    }

    private static void required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw invalid("MISSING_FIELD", field, "Thiếu trường '" + field + "'.", "Field '" + field + "' is required.");
        }
    }

    private static ProblemException invalid(String code, String field, String vi, String en) {
        return new ProblemException(ProblemKind.INVALID, code, field, vi, en);
    }
}
