package vn.thanhhoa.cds.query.rebuild;

import vn.thanhhoa.cds.query.projection.AuditTrail;

import java.util.HashMap;
import java.util.Map;

/**
 * The auditors' history as the rebuild folds it: each event's row written in bulk ({@link CopyOut}), the values last
 * seen (for the next change's "before") held in memory and written once, at the end.
 */
final class FoldedHistory implements AuditTrail.Store {
    private record Key(String assessmentId, String indicatorCode, String kind) {
    }

    private final Map<Key, String> lastSeen = new HashMap<>();
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
        return lastSeen.put(new Key(assessmentId, indicatorCode, kind), value);
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
        lastSeen.forEach((key, value) -> values.row(key.assessmentId(), key.indicatorCode(), key.kind(), value));
    }
}
