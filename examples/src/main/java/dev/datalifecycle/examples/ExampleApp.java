package dev.datalifecycle.examples;

import dev.datalifecycle.examples.crm.CrmModel;
import dev.datalifecycle.examples.crm.SampleData;
import jakarta.persistence.EntityManagerFactory;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CRM sample a newcomer runs first. For now it creates the sample CRM and lists it; each
 * capability of the library adds its step to this walk-through as it lands.
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
            out.println("Next in this walk-through, as the library grows: what a delete would take with it,");
            out.println("what blocks it, the recycle bin, restore and purge (see README.md, \"Status\").");
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
