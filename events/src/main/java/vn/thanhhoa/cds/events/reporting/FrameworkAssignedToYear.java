package vn.thanhhoa.cds.events.reporting;

import org.axonframework.serialization.Revision;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.common.DocumentRef;

/** The province decided which criteria framework a year's communes are assessed under; they do not choose it. */
@Revision("1")
public record FrameworkAssignedToYear(int year, String frameworkId, DocumentRef decision, ActedBy actedBy) {
}
