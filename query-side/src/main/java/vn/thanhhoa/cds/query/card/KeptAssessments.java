package vn.thanhhoa.cds.query.card;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The assessments the live processor's last batches committed, each with the version of its row it is (PostgreSQL's
 * {@code xmin}: the transaction that last wrote the row), so that a batch need not read again, with all its
 * indicators, every assessment its events name (issue 30: that read and its parse were a third of the processor's
 * time). A batch takes out what it uses and puts back what it committed. A kept assessment is used only while its row
 * in the table still has the version kept: whoever wrote the row since — another node holding the processor's segment
 * for a while, a dead letter applied again outside a batch, a rebuild switched in, a batch rolled back — left it
 * another, and the row is read again. The tables stay the truth; this only saves reading them.
 */
final class KeptAssessments {
    /** A province's communes of a year and then some; the least recently used go first. */
    static final int CAPACITY = 1_024;

    /** An assessment as its row's version {@code version} holds it. */
    record Kept(AssessmentRow row, String version) {
    }

    private final Map<String, Kept> kept = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Kept> eldest) {
            return size() > CAPACITY;
        }
    };

    /** Those of the assessments kept, no longer kept: the batch taking them changes them. */
    synchronized Map<String, Kept> take(Collection<String> assessmentIds) {
        Map<String, Kept> taken = new HashMap<>();
        for (String id : assessmentIds) {
            Kept one = kept.remove(id);
            if (one != null) {
                taken.put(id, one);
            }
        }
        return taken;
    }

    /** The assessment as the row of version {@code version} holds it (after its batch committed). */
    synchronized void put(String assessmentId, AssessmentRow row, String version) {
        kept.put(assessmentId, new Kept(row, version));
    }
}
