package dev.datalifecycle.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The architecture rules of PRODUCT.md and CONVENTIONS.md as ArchUnit rules, parameterised by the
 * root package so that each can be shown to fail on a deliberately broken fixture. The modules are
 * the first package level under the root ({@code api}, {@code core}, {@code jpa}).
 */
public final class LifecycleArchitecture {

    /** The root package of the library. */
    public static final String ROOT = "dev.datalifecycle";

    private LifecycleArchitecture() {
    }

    /** {@code <root>.api} depends on nothing outside {@code java.*} and itself. */
    public static ArchRule apiDependsOnlyOnTheJdk(String root) {
        return classes().that().resideInAPackage(root + ".api..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", root + ".api..")
                .because("lifecycle-api is what every host compiles against: it must depend on the JDK only");
    }

    /** {@code <root>.core} uses neither Jakarta Persistence nor Hibernate. */
    public static ArchRule coreKnowsNoJpa(String root) {
        return noClasses().that().resideInAPackage(root + ".core..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.persistence..", "javax.persistence..", "org.hibernate..")
                .because("the engine speaks SQL through java.sql; hosts on JDBC, jOOQ or MyBatis use it without JPA");
    }

    /** No cycles between any two packages under the root. */
    public static ArchRule noPackageCycles(String root) {
        return slices().matching(root + ".(**)").should().beFreeOfCycles()
                .because("a package per concept only helps if concepts layer");
    }

    /** A package named {@code internal} is used only from its own module ({@code <root>.<module>..}). */
    public static ArchRule internalStaysInItsModule(String root) {
        return classes().that().resideInAPackage(root + "..")
                .should(notUseAnotherModulesInternals(root))
                .because("internal packages carry no compatibility promise");
    }

    private static ArchCondition<JavaClass> notUseAnotherModulesInternals(String root) {
        return new ArchCondition<>("not use another module's internal packages") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String originModule = module(root, origin.getPackageName());
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    String target = dependency.getTargetClass().getPackageName();
                    String targetModule = module(root, target);
                    boolean internal = (target + ".").contains(".internal.");
                    if (targetModule != null && internal && !targetModule.equals(originModule)) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()
                                + " reaches into module '" + targetModule + "' internals from module '" + originModule + "'"));
                    }
                }
            }
        };
    }

    private static String module(String root, String packageName) {
        if (!packageName.startsWith(root + ".")) {
            return null;
        }
        String rest = packageName.substring(root.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
