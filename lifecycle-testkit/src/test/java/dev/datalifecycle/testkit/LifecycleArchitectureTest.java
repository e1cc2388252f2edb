package dev.datalifecycle.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Shows that each architecture rule can fail: it reports the violation planted in
 * {@code archfixture.broken} and passes on {@code archfixture.clean}, which has the same shape done
 * right.
 */
class LifecycleArchitectureTest {

    private static final JavaClasses FIXTURES = new ClassFileImporter().importPackages("archfixture");

    @Test
    void apiRuleCatchesAnApiTypeThatExposesSlf4j() {
        assertCatches(LifecycleArchitecture::apiDependsOnlyOnTheJdk, "org.slf4j.Logger");
    }

    @Test
    void coreRuleCatchesCoreUsingJakartaPersistence() {
        assertCatches(LifecycleArchitecture::coreKnowsNoJpa, "jakarta.persistence.EntityManager");
    }

    @Test
    void cycleRuleCatchesPlanAndBinDependingOnEachOther() {
        assertCatches(LifecycleArchitecture::noPackageCycles, "core.plan");
    }

    @Test
    void internalRuleCatchesJpaCallingCoreInternals() {
        assertCatches(LifecycleArchitecture::internalStaysInItsModule, "reaches into module 'core' internals from module 'jpa'");
    }

    private static void assertCatches(Function<String, ArchRule> rule, String expectedInMessage) {
        rule.apply("archfixture.clean").check(FIXTURES);
        AssertionError failure = assertThrows(AssertionError.class, () -> rule.apply("archfixture.broken").check(FIXTURES));
        assertTrue(failure.getMessage().contains(expectedInMessage),
                () -> "expected the violation to mention '" + expectedInMessage + "' but was:\n" + failure.getMessage());
    }
}
