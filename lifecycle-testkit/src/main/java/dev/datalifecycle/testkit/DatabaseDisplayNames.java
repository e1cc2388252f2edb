package dev.datalifecycle.testkit;

import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Puts the database into every display name, {@code persistedEntityReadsBack() [MariaDB]}, so a test
 * report says which database each result belongs to.
 */
public final class DatabaseDisplayNames extends DisplayNameGenerator.Standard {

    /** Called by JUnit. */
    public DatabaseDisplayNames() {
    }

    @Override
    public String generateDisplayNameForClass(Class<?> testClass) {
        return super.generateDisplayNameForClass(testClass) + suffix(testClass);
    }

    @Override
    public String generateDisplayNameForNestedClass(List<Class<?>> enclosingInstanceTypes, Class<?> nestedClass) {
        return super.generateDisplayNameForNestedClass(enclosingInstanceTypes, nestedClass) + suffix(nestedClass);
    }

    @Override
    public String generateDisplayNameForMethod(List<Class<?>> enclosingInstanceTypes, Class<?> testClass, Method testMethod) {
        return super.generateDisplayNameForMethod(enclosingInstanceTypes, testClass, testMethod) + suffix(testClass);
    }

    private static String suffix(Class<?> testClass) {
        return AnnotationSupport.findAnnotation(testClass, OnDatabase.class)
                .map(on -> " [" + on.value().displayName() + "]")
                .orElse("");
    }
}
