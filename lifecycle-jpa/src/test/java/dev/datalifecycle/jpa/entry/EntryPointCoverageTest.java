package dev.datalifecycle.jpa.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.datalifecycle.api.DataLifecycle;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every method of {@link DataLifecycle} is called by the entry-point contract, which both builders run
 * on every database: a method added to the interface without a contract test fails here. Read from the
 * contract's bytecode (lambdas included), so it does not depend on which tests ran before it.
 */
class EntryPointCoverageTest {

    @Test
    void theContractCallsEveryMethodOfTheEntryPoint() {
        Set<String> missing = new TreeSet<>(signatures(DataLifecycle.class));
        missing.removeAll(calledOn(EntryPointContract.class, DataLifecycle.class));
        assertEquals(Set.of(), missing, "methods of DataLifecycle no contract test calls");
    }

    @Test
    void theCheckFindsTheMethodsACallerLeavesOut() {
        // The same check on a caller that plans and nothing else must name every other method, or it proves nothing.
        Set<String> missing = signatures(DataLifecycle.class);
        missing.removeAll(calledOn(OnlyPlans.class, DataLifecycle.class));
        Set<String> expected = signatures(DataLifecycle.class);
        expected.remove("plan(java.lang.String, java.lang.Object, dev.datalifecycle.api.Actor)");
        assertEquals(expected, missing);
        assertFalse(missing.isEmpty());
    }

    /** A caller of one method of the entry point. */
    static final class OnlyPlans {
        Object plan(DataLifecycle lifecycle) {
            return lifecycle.plan("Account", "a-1", EntryPointContract.ALICE);
        }
    }

    /** The public methods of {@code type}, as {@code name(ParamType, ...)}. */
    static Set<String> signatures(Class<?> type) {
        return Arrays.stream(type.getMethods()).filter(m -> m.getDeclaringClass() == type).map(EntryPointCoverageTest::signature)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The methods of {@code target} that code in {@code caller} (its lambdas included) calls. */
    static Set<String> calledOn(Class<?> caller, Class<?> target) {
        JavaClass contract = new ClassFileImporter().importClass(caller);
        return contract.getMethodCallsFromSelf().stream()
                .filter(call -> call.getTargetOwner().isEquivalentTo(target))
                .map(EntryPointCoverageTest::signature)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String signature(Method method) {
        return method.getName() + Arrays.stream(method.getParameterTypes()).map(Class::getName).collect(Collectors.joining(", ", "(", ")"));
    }

    private static String signature(JavaMethodCall call) {
        List<String> params = call.getTarget().getRawParameterTypes().stream().map(JavaClass::getName).toList();
        return call.getName() + String.join(", ", params).transform(p -> "(" + p + ")");
    }
}
