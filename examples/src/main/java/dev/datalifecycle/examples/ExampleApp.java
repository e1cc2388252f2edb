package dev.datalifecycle.examples;

import dev.datalifecycle.api.Actor;
import dev.datalifecycle.api.Batch;
import dev.datalifecycle.api.BatchOutcome;
import dev.datalifecycle.api.BatchReport;
import dev.datalifecycle.api.BinEntry;
import dev.datalifecycle.api.BinQuery;
import dev.datalifecycle.api.BinState;
import dev.datalifecycle.api.DataLifecycle;
import dev.datalifecycle.api.DeletePlan;
import dev.datalifecycle.api.Deletion;
import dev.datalifecycle.api.PurgeReport;
import dev.datalifecycle.api.RestoreReport;
import dev.datalifecycle.api.StalePlanException;
import dev.datalifecycle.examples.crm.Contact;
import dev.datalifecycle.examples.crm.CrmModel;
import dev.datalifecycle.examples.crm.Customer;
import dev.datalifecycle.examples.crm.SampleData;
import dev.datalifecycle.jpa.LifecycleJpa;
import jakarta.persistence.EntityManagerFactory;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The CRM sample a newcomer runs first and reads top to bottom: it creates the sample CRM, lists it,
 * and walks through the library: a blocked delete with its reasons, a plan with its counts, a stale
 * plan refused, a cascaded delete, the application's queries no longer seeing it, the bin as a table,
 * a restore, a batch delete with its outcomes and a permanent delete.
 *
 * <pre>
 * ./mvnw -q -pl examples -am compile exec:java@example                                # H2 in memory
 * ./mvnw -q -pl examples -am compile exec:java@example -Dexec.args="--db postgresql"  # local PostgreSQL
 * ./mvnw -q -pl examples -am compile exec:java@example -Dexec.args="--jdbc-url jdbc:mariadb://host/db --user u --password p"
 * </pre>
 */
public final class ExampleApp {

    private static final String USAGE = String.join("\n",
            "usage: ExampleApp [--db h2|postgresql|mariadb] [--jdbc-url URL [--user U] [--password P]]",
            "  --db postgresql  uses schema lifecycle_example in database test at 127.0.0.1:5432 as postgres",
            "  --db mariadb     uses database lifecycle_example at 127.0.0.1:3306 as root",
            "  --jdbc-url       any H2, PostgreSQL or MariaDB URL; the sample's tables there are dropped and created");

    private ExampleApp() {
    }

    /** Runs the walk-through; see the class comment for the arguments. */
    public static void main(String[] args) throws SQLException {
        Settings settings;
        try {
            settings = Settings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        run(settings, System.out);
    }

    /** Runs the walk-through against {@code settings}, printing to {@code out}. */
    public static void run(Settings settings, PrintStream out) {
        out.println("Data Lifecycle for CRM: the example CRM on " + settings.describe());
        out.println();
        Map<String, Object> properties = new HashMap<>();
        properties.put("jakarta.persistence.jdbc.url", settings.jdbcUrl());
        properties.put("jakarta.persistence.jdbc.user", settings.user());
        properties.put("jakarta.persistence.jdbc.password", settings.password());
        try (EntityManagerFactory emf = CrmModel.boot(properties)) {
            emf.runInTransaction(SampleData::create);
            out.println("Users");
            out.print(users(emf));
            out.println();
            out.println("Customers");
            out.print(customers(emf));
            out.println();
            walkThrough(emf, settings, out);
        }
    }

    /** The library's steps, one after the other, each printed as a table or a line or two. */
    private static void walkThrough(EntityManagerFactory emf, Settings settings, PrintStream out) {
        LifecycleJpa.installTables(emf);
        clearBin(settings);
        DataLifecycle lifecycle = LifecycleJpa.builder(emf).build();
        Actor alice = Actor.of("alice", Set.of("sales"));

        out.println("1. What deleting Northwind Traders would take, and what stands in the way");
        DeletePlan northwind = lifecycle.plan(Customer.class, 1L, alice);
        out.print(planTable(northwind));
        out.println("Blocked: " + (northwind.blocked() ? "yes, by " + describe(northwind.blockers()) : "no"));
        out.println();

        out.println("2. What deleting Contoso Ltd would take");
        DeletePlan contoso = lifecycle.plan(Customer.class, 2L, alice);
        out.print(planTable(contoso));
        out.println();

        out.println("3. Someone adds a contact to Contoso Ltd before the delete: the plan is stale, and refused");
        emf.runInTransaction(em -> em.persist(new Contact(em.find(Customer.class, 2L), "Lee Wong", "lee@contoso.example")));
        try {
            lifecycle.delete(contoso, alice, "duplicate account");
            out.println("Deleted (unexpected)");
        } catch (StalePlanException e) {
            out.println("Refused: the plan no longer matches what the delete would take. Plan again and confirm.");
        }
        contoso = lifecycle.plan(Customer.class, 2L, alice);
        Deletion deletion = lifecycle.delete(contoso, alice, "duplicate account");
        out.println("Deleted Contoso Ltd with what goes with it: " + describe(contoso.deleted()));
        out.println();

        out.println("4. The application's own queries no longer see it");
        out.print(customers(emf));
        out.println();

        out.println("5. The recycle bin");
        out.print(bin(lifecycle, alice, BinState.IN_BIN));
        out.println();

        out.println("6. Restore Contoso Ltd: everything comes back, exactly");
        RestoreReport restored = lifecycle.restore(deletion.id(), alice);
        out.println("Restored " + restored.total() + " records");
        out.print(customers(emf));
        out.println();

        out.println("7. A batch delete: each record gets its outcome, and the blocked one does not stop the rest");
        BatchReport report = lifecycle.deleteBatch(Batch.of("Customer", List.of(3L, 4L, 1L)), alice, "year-end cleanup");
        TextTable outcomes = new TextTable("customer", "outcome", "why");
        for (BatchOutcome outcome : report.outcomes()) {
            outcomes.row(outcome.id(), outcome.result(), String.join("; ", outcome.reasons()));
        }
        out.print(outcomes);
        out.println();

        out.println("8. Delete the batch for good: its records are gone, a tombstone stays (no name, counts kept)");
        long purged = report.outcomes().stream().map(BatchOutcome::deletion).filter(Objects::nonNull).distinct()
                .map(id -> lifecycle.purge(id, alice)).mapToLong(PurgeReport::total).sum();
        out.println("Purged " + purged + " records for good");
        out.print(bin(lifecycle, alice, BinState.PURGED));
    }

    private static TextTable planTable(DeletePlan plan) {
        TextTable table = new TextTable("what", "type", "via", "records");
        plan.deleted().forEach(e -> table.row("deleted", e.type(), e.via() == null ? "" : e.via(), e.count()));
        plan.detached().forEach(e -> table.row("unlinked", e.type(), e.via(), e.count()));
        plan.blockers().forEach(e -> table.row("blocks", e.type(), e.via(), e.count()));
        return table;
    }

    private static String describe(List<DeletePlan.Entry> entries) {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        entries.forEach(e -> counts.merge(e.type(), e.count(), Long::sum));
        return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(java.util.stream.Collectors.joining(", "));
    }

    private static TextTable bin(DataLifecycle lifecycle, Actor actor, BinState state) {
        TextTable table = new TextTable("deleted", "type", "records", "deleted by", "reason", "state");
        for (BinEntry entry : lifecycle.list(BinQuery.all().state(state), actor).entries()) {
            long records = entry.counts().values().stream().mapToLong(Long::longValue).sum();
            table.row(entry.label() == null ? "(erased)" : entry.label(), entry.rootType(), records, entry.actorId(), entry.reason(),
                    entry.state());
        }
        return table;
    }

    /** The walk-through starts from an empty bin, as it starts from fresh sample tables. */
    private static void clearBin(Settings settings) {
        try (Connection c = DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
                Statement s = c.createStatement()) {
            for (String table : List.of("lc_detached_link", "lc_deletion_count", "lc_deletion_root", "lc_deletion")) {
                s.executeUpdate("delete from " + table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not empty the recycle bin's tables: " + e.getMessage(), e);
        }
    }

    private static TextTable users(EntityManagerFactory emf) {
        TextTable table = new TextTable("id", "username", "name", "active");
        emf.runInTransaction(em -> em.createQuery(
                        "select u.id, u.username, u.displayName, u.active from User u order by u.id", Object[].class)
                .getResultList().forEach(r -> table.row(r[0], r[1], r[2], (Boolean) r[3] ? "yes" : "no")));
        return table;
    }

    private static TextTable customers(EntityManagerFactory emf) {
        TextTable table = new TextTable("id", "customer", "industry", "owner", "contacts", "opportunities", "open contracts", "activities");
        emf.runInTransaction(em -> {
            List<Object[]> rows = em.createQuery("""
                    select c.id, c.name, c.industry, c.owner.displayName,
                           (select count(x) from Contact x where x.customer = c),
                           (select count(o) from Opportunity o where o.customer = c),
                           (select count(k) from Contract k where k.customer = c
                                and k.status = dev.datalifecycle.examples.crm.Contract.Status.OPEN),
                           (select count(a) from Activity a where a.customer = c)
                    from Customer c order by c.id""", Object[].class).getResultList();
            rows.forEach(table::row);
        });
        return table;
    }

    /**
     * Where the example runs: a JDBC URL with its credentials.
     *
     * @param jdbcUrl  the database
     * @param user     the user
     * @param password the password
     * @param label    how the output names the database
     */
    public record Settings(String jdbcUrl, String user, String password, String label) {

        /** Reads {@code --db} or {@code --jdbc-url}; with neither, H2 in memory. */
        public static Settings parse(String... args) {
            String db = null;
            String url = null;
            String user = null;
            String password = "";
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--db" -> db = required(args[i], value);
                    case "--jdbc-url" -> url = required(args[i], value);
                    case "--user" -> user = required(args[i], value);
                    case "--password" -> password = value == null ? "" : value;
                    default -> throw new IllegalArgumentException("Unknown argument '" + args[i] + "'");
                }
                i++;
            }
            if (url != null) {
                return new Settings(url, user == null ? "" : user, password, url);
            }
            switch (db == null ? "h2" : db) {
                case "h2":
                    return new Settings("jdbc:h2:mem:crm;DB_CLOSE_DELAY=-1", "sa", "", "H2 (in memory)");
                case "postgresql":
                case "postgres":
                    adminExecute("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "CREATE SCHEMA IF NOT EXISTS lifecycle_example");
                    return new Settings("jdbc:postgresql://127.0.0.1:5432/test?currentSchema=lifecycle_example",
                            "postgres", "", "PostgreSQL (schema lifecycle_example)");
                case "mariadb":
                    adminExecute("jdbc:mariadb://127.0.0.1:3306/test", "root", "CREATE DATABASE IF NOT EXISTS lifecycle_example");
                    return new Settings("jdbc:mariadb://127.0.0.1:3306/lifecycle_example", "root", "", "MariaDB (database lifecycle_example)");
                default:
                    throw new IllegalArgumentException("Unknown database '" + db + "': use h2, postgresql or mariadb");
            }
        }

        String describe() {
            return label;
        }

        private static String required(String flag, String value) {
            if (value == null || value.startsWith("--")) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            return value;
        }

        private static void adminExecute(String url, String user, String sql) {
            try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                throw new IllegalArgumentException("Cannot prepare the example database at " + url + " as " + user
                        + ": " + e.getMessage() + " (is the server running?)", e);
            }
        }
    }
}
