package dev.datalifecycle.testkit;

import java.util.Map;
import java.util.function.Consumer;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * The database matrix for jqwik property tests, which run outside JUnit Jupiter: a subclass per
 * database annotated {@link OnDatabase} as usual, the contract annotated
 * {@code @AddLifecycleHook(PropertyDatabases.SkipUnavailable.class)}, a database made once per
 * container with {@link #database} and dropped by {@link #dropAll} in an {@code @AfterContainer}.
 */
public final class PropertyDatabases {

    private static final Map<String, TestDatabase> DATABASES = new java.util.HashMap<>();

    private PropertyDatabases() {
    }

    /** The database of {@code testClass} ({@link OnDatabase}), made and set up on first use. */
    public static synchronized TestDatabase database(Class<?> testClass, String label, Consumer<TestDatabase> setUp) {
        Dbms dbms = testClass.getAnnotation(OnDatabase.class).value();
        return DATABASES.computeIfAbsent(label + "/" + dbms, key -> {
            DatabaseAvailability.unavailable(dbms).ifPresent(reason -> {
                throw new DatabaseUnavailableException(reason, null);
            });
            TestDatabase db = TestDatabase.create(dbms, label);
            setUp.accept(db);
            return db;
        });
    }

    /** Drops every database {@link #database} made. */
    public static synchronized void dropAll() {
        DATABASES.values().forEach(TestDatabase::close);
        DATABASES.clear();
    }

    /** Skips the properties of a database that is not there, unless CI requires it (then they fail). */
    public static final class SkipUnavailable implements SkipExecutionHook {

        /** Called by jqwik. */
        public SkipUnavailable() {
        }

        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            Dbms dbms = context.optionalContainerClass().map(c -> c.getAnnotation(OnDatabase.class)).map(OnDatabase::value).orElse(Dbms.H2);
            boolean mustRun = DatabaseAvailability.required() && DatabaseAvailability.selected().contains(dbms);
            return DatabaseAvailability.unavailable(dbms).filter(reason -> !mustRun).map(SkipResult::skip).orElse(SkipResult.doNotSkip());
        }
    }
}
