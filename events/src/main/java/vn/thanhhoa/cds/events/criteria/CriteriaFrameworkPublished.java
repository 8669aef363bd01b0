package vn.thanhhoa.cds.events.criteria;

import org.axonframework.serialization.Revision;
import vn.thanhhoa.cds.events.common.ActedBy;

/** The province published a criteria framework; the event carries the whole framework as published. */
@Revision("1")
public record CriteriaFrameworkPublished(String frameworkId, CriteriaFramework framework, ActedBy actedBy) {
}
