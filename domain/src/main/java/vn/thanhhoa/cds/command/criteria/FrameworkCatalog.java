package vn.thanhhoa.cds.command.criteria;

import vn.thanhhoa.cds.events.criteria.CriteriaFramework;

import java.util.Optional;

/** The frameworks as currently in force (points amended included), for the assessment rules to validate against. */
public interface FrameworkCatalog {
    Optional<CriteriaFramework> find(String frameworkId);
}
