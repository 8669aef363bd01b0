package vn.thanhhoa.cds.events;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The published language stays plain Java: no Spring, no persistence, no clock or randomness. */
class ArchitectureTest {
    private final JavaClasses events = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("vn.thanhhoa.cds.events");

    @Test
    void eventsDependOnlyOnJavaJacksonAnnotationsAndAxonRevision() {
        classes().should().onlyDependOnClassesThat(
                        resideInAnyPackage("java..", "vn.thanhhoa.cds.events..", "com.fasterxml.jackson.annotation..")
                                .or(belongToAnyOf(org.axonframework.serialization.Revision.class)))
                .check(events);
    }

    @Test
    void domainCodeReadsNoClockAndDrawsNoRandomIds() {
        noClasses().should().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.LocalDate.class, "now")
                .orShould().callMethod(java.util.UUID.class, "randomUUID")
                .check(events);
    }

    @Test
    void everyEventCarriesARevision() {
        classes().that().haveSimpleNameNotEndingWith("Test").and().areRecords()
                .and().resideInAnyPackage("vn.thanhhoa.cds.events.assessment", "vn.thanhhoa.cds.events.map",
                        "vn.thanhhoa.cds.events.criteria", "vn.thanhhoa.cds.events.targets")
                .and().haveNameMatching(".*(Registered|Reported|Submitted|Started|Appraised|Concluded|Revision|Recognised|Revoked|Published|Amended|Assigned)$")
                .should().beAnnotatedWith(org.axonframework.serialization.Revision.class)
                .check(events);
    }
}
