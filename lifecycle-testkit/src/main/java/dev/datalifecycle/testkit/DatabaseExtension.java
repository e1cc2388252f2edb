package dev.datalifecycle.testkit;

import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContextException;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit side of {@link OnDatabase}: skips or fails a class whose database is missing, creates its
 * {@link TestDatabase} before the first test, hands it to test methods, and drops it at the end.
 */
final class DatabaseExtension implements ExecutionCondition, BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DatabaseExtension.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<Dbms> dbms = dbms(context);
        if (dbms.isEmpty()) {
            return ConditionEvaluationResult.enabled("no @OnDatabase");
        }
        Optional<String> reason = DatabaseAvailability.unavailable(dbms.get());
        if (reason.isEmpty()) {
            return ConditionEvaluationResult.enabled(dbms.get().displayName() + " is available");
        }
        boolean mustRun = DatabaseAvailability.required() && DatabaseAvailability.selected().contains(dbms.get());
        // In CI the class runs and fails in beforeAll, so the report shows a failure, not a skip.
        return mustRun ? ConditionEvaluationResult.enabled("CI=true requires " + dbms.get().displayName())
                : ConditionEvaluationResult.disabled(reason.get());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        database(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return database(extensionContext);
    }

    private static TestDatabase database(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        Dbms dbms = dbms(context).orElseThrow(() -> new ExtensionContextException(
                testClass.getName() + " takes a TestDatabase but has no @OnDatabase"));
        DatabaseAvailability.unavailable(dbms).ifPresent(reason -> {
            throw new DatabaseUnavailableException(reason, null);
        });
        ExtensionContext classContext = classContext(context);
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(
                        "database", key -> new Holder(TestDatabase.create(dbms, testClass.getSimpleName())), Holder.class)
                .database;
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }

    private static Optional<Dbms> dbms(ExtensionContext context) {
        return context.getTestClass()
                .flatMap(c -> AnnotationSupport.findAnnotation(c, OnDatabase.class))
                .map(OnDatabase::value);
    }

    /** Lets JUnit drop the database when the class's store closes. */
    private static final class Holder implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final TestDatabase database;

        Holder(TestDatabase database) {
            this.database = database;
        }

        @Override
        public void close() {
            database.close();
        }
    }
}
