package dev.datalifecycle.testkit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides, once per JVM and database, whether tests on that database run, are skipped, or fail.
 *
 * <ul>
 *   <li>H2 always runs.</li>
 *   <li>A server that answers runs.</li>
 *   <li>A server that does not answer is skipped with one line on standard error, unless
 *       {@code CI=true}: then every test on it fails, because CI must prove all three.</li>
 *   <li>{@code LIFECYCLE_TEST_DATABASES=h2,postgresql} runs only the databases listed (a quick local
 *       loop); the others are skipped with a line saying so, even in CI.</li>
 * </ul>
 */
public final class DatabaseAvailability {

    private static final Map<Dbms, Optional<String>> PROBED = new EnumMap<>(Dbms.class);

    private DatabaseAvailability() {
    }

    /** Whether this run must prove every database ({@code CI=true}). */
    public static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** The databases selected by {@code LIFECYCLE_TEST_DATABASES}, or all of them. */
    public static Set<Dbms> selected() {
        String list = System.getenv("LIFECYCLE_TEST_DATABASES");
        if (list == null || list.isBlank()) {
            return EnumSet.allOf(Dbms.class);
        }
        Set<Dbms> selected = EnumSet.noneOf(Dbms.class);
        for (String name : list.split(",")) {
            if (!name.isBlank()) {
                selected.add(Dbms.parse(name));
            }
        }
        return selected;
    }

    /**
     * Why tests on {@code dbms} cannot run, or empty when they can. Probes the server once per JVM
     * and prints the reason once.
     */
    public static synchronized Optional<String> unavailable(Dbms dbms) {
        return PROBED.computeIfAbsent(dbms, d -> {
            Optional<String> reason = probe(d);
            reason.ifPresent(r -> System.err.println("[testkit] " + r
                    + (required() && selected().contains(d) ? "" : " Its tests are SKIPPED.")));
            return reason;
        });
    }

    private static Optional<String> probe(Dbms dbms) {
        if (!selected().contains(dbms)) {
            return Optional.of(dbms.displayName() + " is not in LIFECYCLE_TEST_DATABASES=" + System.getenv("LIFECYCLE_TEST_DATABASES") + ".");
        }
        if (!dbms.isServer()) {
            return Optional.empty();
        }
        try (Connection ignored = TestDatabase.connectToServer(dbms)) {
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of(dbms.displayName() + " at " + TestDatabase.describeServer(dbms)
                    + " is not reachable (" + e.getMessage() + ")."
                    + (required() ? " CI=true requires it: start it (see .ci/run) or set LIFECYCLE_"
                            + dbms.name() + "_HOST/_PORT/_USER/_PASSWORD." : ""));
        }
    }
}
