package vn.thanhhoa.cds.events.assessment;

import org.axonframework.serialization.Revision;
import vn.thanhhoa.cds.events.common.ActedBy;

/**
 * The commune attached a file of evidence to an indicator (the scanned decision, the report, a photo). The file's
 * hash is in the event, so the integrity chain covers the file: a kept file whose bytes changed no longer matches.
 * Files are never removed; a replacement names the file it replaces, which stays kept and provable.
 *
 * @param replaces the hash of the file this one replaces on the indicator, or null
 */
@Revision("1")
public record EvidenceFileAttached(AssessmentId assessmentId, String indicatorCode, EvidenceFile file, String replaces,
                                   ActedBy actedBy) {
}
