package dev.datalifecycle.jpa;

import static dev.datalifecycle.testkit.LifecycleArchitecture.ROOT;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.datalifecycle.testkit.LifecycleArchitecture;
import org.junit.jupiter.api.Test;

/**
 * The architecture rules on the published modules' production classes. This module's tests see all
 * three of them (api, core, jpa). That each rule can fail is shown in the testkit's
 * {@code LifecycleArchitectureTest}, on deliberately broken fixtures.
 */
class ArchitectureTest {

    private static final JavaClasses PUBLISHED = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT + ".api", ROOT + ".core", ROOT + ".jpa");

    @Test
    void apiDependsOnlyOnTheJdk() {
        LifecycleArchitecture.apiDependsOnlyOnTheJdk(ROOT).check(PUBLISHED);
    }

    @Test
    void coreKnowsNoJpaOrHibernate() {
        LifecycleArchitecture.coreKnowsNoJpa(ROOT).check(PUBLISHED);
    }

    @Test
    void noCyclesBetweenPackages() {
        LifecycleArchitecture.noPackageCycles(ROOT).check(PUBLISHED);
    }

    @Test
    void internalPackagesAreUsedOnlyInTheirModule() {
        LifecycleArchitecture.internalStaysInItsModule(ROOT).check(PUBLISHED);
    }
}
