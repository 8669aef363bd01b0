package vn.thanhhoa.cds.events;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import vn.thanhhoa.cds.events.common.ActedBy;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

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

    /** An event is a record that says who acted; every one carries its revision from the start. */
    @Test
    void everyEventCarriesARevision() {
        var eventTypes = events.stream()
                .filter(c -> c.isRecord() && c.getFields().stream().anyMatch(f -> f.getRawType().isEquivalentTo(ActedBy.class)))
                .toList();
        assertThat(eventTypes).hasSizeGreaterThanOrEqualTo(22);
        assertThat(eventTypes).allSatisfy(c -> assertThat(c.isAnnotatedWith(Revision.class)).as(c.getName()).isTrue());
    }
}
