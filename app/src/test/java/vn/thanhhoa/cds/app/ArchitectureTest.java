package vn.thanhhoa.cds.app;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

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

    @Test
    void aggregatesReadNoClockAndDrawNoRandomIds() {
        noClasses().that().areAnnotatedWith(Aggregate.class)
                .should().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.LocalDate.class, "now")
                .orShould().callMethod(java.util.UUID.class, "randomUUID")
                .check(platform);
    }

    @Test
    void projectionsTakeTimeFromTheEvents() {
        noClasses().that().resideInAPackage("vn.thanhhoa.cds.query.projection..")
                .should().callMethod(java.time.Instant.class, "now")
                .check(platform);
    }

    @Test
    void infrastructureDoesNotDependOnEitherSide() {
        noClasses().that().resideInAPackage("vn.thanhhoa.cds.infra..")
                .should().dependOnClassesThat().resideInAnyPackage("vn.thanhhoa.cds.command..", "vn.thanhhoa.cds.query..")
                .check(platform);
    }
}
