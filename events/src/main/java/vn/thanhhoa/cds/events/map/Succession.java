package vn.thanhhoa.cds.events.map;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which unit a person's unit claim names, and for which units that unit may act — one rule, read by the command side
 * (who may write) and the query side (who may read), each over its own copy of the map.
 * <p>
 * An identity names its unit by code, and a code is not an identity (14923 was Thị trấn Cành Nàng until 30/06/2025
 * and is Xã Bá Thước since). A claim therefore names the unit bearing the code on the day the person acts; when no
 * unit bears it that day (the unit ceased and its code was not reused, like the districts after 01/07/2025), the last
 * unit that bore it — its officers closing its own records.
 * <p>
 * A unit acts for itself and for the predecessors it stepped in for, as the map records them
 * ({@link Share#successorStepsIn()}): a commune merged whole into another is succeeded by it in its rights and
 * obligations (Luật Tổ chức chính quyền địa phương 2025; Nghị quyết 1686/NQ-UBTVQH15 for Thanh Hóa), so the new
 * commune finishes and answers for the old one's records. Succession chains (a commune merged in 2024 into one that
 * merged in 2025). A commune that took only part of a split one does not act for it — its records stay with the unit
 * that kept the remainder — even when it reuses the old code (15271 Xã Hà Trung took part of Thị trấn Hà Trung
 * 15271; 15286 Xã Hoạt Giang kept the rest).
 */
public final class Succession {
    private Succession() {
    }

    /** The map as the rule needs it. */
    public interface UnitsOverTime {
        /** Every unit that ever bore the code, with the day it ceased (null while in force). */
        Map<UnitId, LocalDate> unitsCoded(String code);

        /** The units the given one succeeded, with the share it took of each. */
        Map<UnitId, Share> predecessorsOf(UnitId successor);
    }

    /** The unit a claim names on a day: the one bearing the code that day, or else the last that bore it before. */
    public static Optional<UnitId> claimedUnit(String code, LocalDate day, UnitsOverTime map) {
        Map<UnitId, LocalDate> bearers = map.unitsCoded(code);
        Optional<UnitId> inForce = bearers.entrySet().stream()
                .filter(b -> !b.getKey().effectiveFrom().isAfter(day) && (b.getValue() == null || b.getValue().isAfter(day)))
                .map(Map.Entry::getKey).findFirst();
        if (inForce.isPresent()) {
            return inForce;
        }
        return bearers.entrySet().stream()
                .filter(b -> b.getValue() != null && !b.getValue().isAfter(day))
                .max(Comparator.comparing((Map.Entry<UnitId, LocalDate> b) -> b.getValue()))
                .map(Map.Entry::getKey);
    }

    /** The unit itself and every predecessor it stepped in for, through chains of successions. */
    public static Set<UnitId> actsFor(UnitId unit, UnitsOverTime map) {
        Set<UnitId> units = new LinkedHashSet<>(List.of(unit));
        Deque<UnitId> next = new ArrayDeque<>(units);
        while (!next.isEmpty()) {
            for (Map.Entry<UnitId, Share> predecessor : map.predecessorsOf(next.pop()).entrySet()) {
                if (predecessor.getValue().successorStepsIn() && units.add(predecessor.getKey())) {
                    next.push(predecessor.getKey());
                }
            }
        }
        return Set.copyOf(units);
    }

    /** {@link #actsFor} of the unit a claim names on a day; empty when no unit ever bore the code. */
    public static Set<UnitId> mandate(String code, LocalDate day, UnitsOverTime map) {
        return claimedUnit(code, day, map).map(unit -> actsFor(unit, map)).orElse(Set.of());
    }
}
