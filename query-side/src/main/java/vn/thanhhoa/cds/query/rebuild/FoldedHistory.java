package vn.thanhhoa.cds.query.rebuild;

import vn.thanhhoa.cds.query.history.AuditTrail;

import java.util.HashMap;
import java.util.Map;

/**
 * The auditors' history as the rebuild folds it: each event's row written in bulk ({@link CopyOut}), the values last
 * seen (for the next change's "before") held in memory and written once, at the end. A country's history holds a
 * million of them: by assessment, each kind-and-indicator name kept once.
 */
final class FoldedHistory implements AuditTrail.Store {
    /** By assessment, then by kind and indicator code ("REPORTED 1.1"). */
    private final Map<String, Map<String, String>> lastSeen = new HashMap<>();
    private final Map<String, String> names = new HashMap<>();
    private final CopyOut out;
    private final CopyOut.Table history;

    FoldedHistory(CopyOut out) {
        this.out = out;
        history = out.table("q_audit", """
                event_id, global_index, occurred_at, event_type, aggregate_id, commune_id, year, subject, role, unit,
                indicator_code, value_before, value_after, document_number""");
    }

    @Override
    public String swap(String assessmentId, String indicatorCode, String kind, String value) {
        String name = names.computeIfAbsent(kind + ' ' + indicatorCode, key -> key);
        return lastSeen.computeIfAbsent(assessmentId, id -> new HashMap<>()).put(name, value);
    }

    @Override
    public void write(AuditTrail.Entry entry) {
        history.row(entry.eventId(), entry.globalIndex(), entry.occurredAt(), entry.type(), entry.aggregateId(),
                entry.communeId(), entry.year(), entry.subject(), entry.role(), entry.unit(), entry.indicatorCode(),
                entry.valueBefore(), entry.valueAfter(), entry.documentNumber());
    }

    /** The values last seen, as the live trail keeps them. */
    void writeLastSeen() {
        CopyOut.Table values = out.table("q_audit_value", "assessment_id, indicator_code, kind, value");
        lastSeen.forEach((assessment, seen) -> seen.forEach((name, value) -> {
            int space = name.indexOf(' ');
            values.row(assessment, name.substring(space + 1), name.substring(0, space), value);
        }));
    }
}
