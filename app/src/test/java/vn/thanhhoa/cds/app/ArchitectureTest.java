package vn.thanhhoa.cds.app;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.Test;
import vn.thanhhoa.cds.query.rebuild.DashboardProjections;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/** Boundaries the module structure cannot see on its own. */
class ArchitectureTest {
    private final JavaClasses platform = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("vn.thanhhoa.cds");

    @Test
    void theQuerySideNeverReachesIntoTheCommandSide() {
        noClasses().that().resideInAPackage("vn.thanhhoa.cds.query..")
                .should().dependOnClassesThat().resideInAPackage("vn.thanhhoa.cds.command..")
                .check(platform);
    }

    /** The command role leaves the query side out of its process (Roles): nothing there may need it. */
    @Test
    void theCommandSideNeverReachesIntoTheQuerySide() {
        noClasses().that().resideInAPackage("vn.thanhhoa.cds.command..")
                .should().dependOnClassesThat().resideInAPackage("vn.thanhhoa.cds.query..")
                .check(platform);
    }

    /** The query role leaves the store's integrity (seals, verification) out of its process: no read model may need it. */
    @Test
    void theQuerySideNeedsNoIntegrityOfTheStore() {
        noClasses().that().resideInAPackage("vn.thanhhoa.cds.query..")
                .should().dependOnClassesThat().resideInAPackage("vn.thanhhoa.cds.infra.integrity..")
                .check(platform);
    }

    @Test
    void aggregatesReadNoClockAndDrawNoRandomIds() {
        noClasses().that().areAnnotatedWith(Aggregate.class)
                .should().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.LocalDate.class, "now")
                .orShould().callMethod(java.util.UUID.class, "randomUUID")
                .check(platform);
    }

    /**
     * The domain knows no transport: the aggregates and their policies reject with the domain's Rejection and depend
     * on no infrastructure, web, security, feed or spreadsheet class (issue 26).
     */
    @Test
    void theDomainIsFreeOfHttpAndInfrastructure() {
        noClasses().that().areAnnotatedWith(Aggregate.class)
                .or().haveSimpleNameEndingWith("Policy").and().resideInAPackage("vn.thanhhoa.cds.command..")
                .or().haveFullyQualifiedName("vn.thanhhoa.cds.command.authority.Authority")
                .or().haveFullyQualifiedName("vn.thanhhoa.cds.command.reporting.ReportingWindow")
                .should().dependOnClassesThat(resideInAnyPackage("vn.thanhhoa.cds.infra..", "org.springframework.web..",
                        "org.springframework.http..", "jakarta.servlet..", "org.springframework.security..",
                        "org.apache.kafka..", "org.apache.poi..")
                        // the bounds of values (plain Java, over the published Limits) are the domain's vocabulary too
                        .and(not(equivalentTo(vn.thanhhoa.cds.events.common.Bound.class))))
                .check(platform);
    }

    @Test
    void projectionsTakeTimeFromTheEvents() {
        noClasses().that().haveSimpleNameEndingWith("Projection").and().resideInAPackage("vn.thanhhoa.cds.query..")
                .or().haveFullyQualifiedName("vn.thanhhoa.cds.query.history.AuditTrail")
                .should().callMethod(java.time.Instant.class, "now")
                .check(platform);
    }

    @Test
    void infrastructureDoesNotDependOnEitherSide() {
        noClasses().that().resideInAPackage("vn.thanhhoa.cds.infra..")
                .should().dependOnClassesThat().resideInAnyPackage("vn.thanhhoa.cds.command..", "vn.thanhhoa.cds.query..")
                .check(platform);
    }

    /**
     * A rebuild feeds new tables through every projection of the read models' processors, so none may be missing:
     * every processing-group class of the two groups is in the one list of them (DashboardProjections.REBUILT), and
     * the list is what the rebuild's fold runs: the dashboards' as DashboardProjections.over builds them, then the
     * auditors' history.
     */
    @Test
    void theRebuildRunsEveryProjectionOfTheReadModels() {
        java.util.Set<String> projections = new java.util.TreeSet<>();
        for (var type : platform) {
            if (type.isAnnotatedWith(org.axonframework.config.ProcessingGroup.class)) {
                String group = type.getAnnotationOfType(org.axonframework.config.ProcessingGroup.class).value();
                if (group.equals(vn.thanhhoa.cds.query.common.Dashboards.GROUP)
                        || group.equals(vn.thanhhoa.cds.query.history.AuditTrail.GROUP)) {
                    projections.add(type.getName());
                }
            }
        }
        org.assertj.core.api.Assertions.assertThat(projections).isEqualTo(new java.util.TreeSet<>(
                DashboardProjections.REBUILT.stream().map(Class::getName).toList()));
        // built over a store they are never asked to read or write: they only keep it
        java.util.List<Class<?>> built = new java.util.ArrayList<>();
        for (var handler : DashboardProjections.over(org.springframework.jdbc.core.simple.JdbcClient.create(
                new org.springframework.jdbc.datasource.DriverManagerDataSource()), new com.fasterxml.jackson.databind.ObjectMapper()).handlers()) {
            built.add(((org.axonframework.eventhandling.AnnotationEventHandlerAdapter) handler).getTargetType());
        }
        built.add(vn.thanhhoa.cds.query.history.AuditTrail.class);
        org.assertj.core.api.Assertions.assertThat(built).isEqualTo(DashboardProjections.REBUILT);
    }

    /**
     * The read side is cut by what a reader asks for (issue 26): each slice owns its projection, tables, queries and
     * endpoint, and reaches only the slices below it. {@code common} (the cache, scopes, formats) and {@code reference}
     * (the map and frameworks every answer names) serve all; the card publishes its results to the dashboards
     * (CommuneResults); explanations read the card, the district and the history. Time travel and the rebuild replay
     * every projection, so they reach each slice that has one — and the card and dashboards reach time travel for
     * their "as known at" answers (the one cycle: they call KnownAt with their own queries over Then).
     */
    @Test
    void theReadSideSlicesReachOnlyTheSlicesBelowThem() {
        layeredArchitecture().consideringOnlyDependenciesInAnyPackage("vn.thanhhoa.cds.query..")
                .layer("common").definedBy("vn.thanhhoa.cds.query.common..")
                .layer("reference").definedBy("vn.thanhhoa.cds.query.reference..")
                .layer("card").definedBy("vn.thanhhoa.cds.query.card..")
                .layer("dashboard").definedBy("vn.thanhhoa.cds.query.dashboard..")
                .layer("appraisal").definedBy("vn.thanhhoa.cds.query.appraisal..")
                .layer("reporting").definedBy("vn.thanhhoa.cds.query.reporting..")
                .layer("history").definedBy("vn.thanhhoa.cds.query.history..")
                .layer("explain").definedBy("vn.thanhhoa.cds.query.explain..")
                .layer("live").definedBy("vn.thanhhoa.cds.query.live..")
                .layer("deadletter").definedBy("vn.thanhhoa.cds.query.deadletter..")
                .layer("timetravel").definedBy("vn.thanhhoa.cds.query.timetravel..")
                .layer("rebuild").definedBy("vn.thanhhoa.cds.query.rebuild..")
                .whereLayer("common").mayNotAccessAnyLayer()
                .whereLayer("reference").mayOnlyAccessLayers("common")
                .whereLayer("card").mayOnlyAccessLayers("common", "reference", "timetravel")
                .whereLayer("dashboard").mayOnlyAccessLayers("common", "reference", "card", "timetravel")
                .whereLayer("appraisal").mayOnlyAccessLayers("common", "reference", "card")
                .whereLayer("reporting").mayOnlyAccessLayers("common", "reference", "card", "timetravel")
                .whereLayer("history").mayOnlyAccessLayers("common", "reference", "card", "timetravel")
                .whereLayer("explain").mayOnlyAccessLayers("common", "reference", "card", "dashboard", "history")
                .whereLayer("live").mayOnlyAccessLayers("common", "reference")
                .whereLayer("deadletter").mayOnlyAccessLayers("common")
                .whereLayer("timetravel").mayOnlyAccessLayers("common", "reference", "card", "rebuild")
                .whereLayer("explain").mayNotBeAccessedByAnyLayer()
                .whereLayer("appraisal").mayOnlyBeAccessedByLayers("rebuild")
                .whereLayer("live").mayNotBeAccessedByAnyLayer()
                .whereLayer("deadletter").mayNotBeAccessedByAnyLayer()
                .check(platform);
    }

    /** From the card, the other slices read its published results and views, never its projection or its store. */
    @Test
    void theCardIsReadThroughWhatItPublishes() {
        noClasses().that().resideInAnyPackage("vn.thanhhoa.cds.query.dashboard..", "vn.thanhhoa.cds.query.explain..",
                        "vn.thanhhoa.cds.query.appraisal..",
                        "vn.thanhhoa.cds.query.history..", "vn.thanhhoa.cds.query.reporting..")
                .should().dependOnClassesThat(resideInAnyPackage("vn.thanhhoa.cds.query.card..")
                        .and(not(DescribedPredicate.<JavaClass>describe("published by the card", type -> type.getName()
                                .matches("vn\\.thanhhoa\\.cds\\.query\\.card\\.(CommuneResults|CommuneCards|CardViews|DashboardFigures)(\\$.*)?")))))
                .check(platform);
    }
}
