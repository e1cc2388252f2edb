package dev.datalifecycle.core.bin;

import dev.datalifecycle.api.LifecycleException;
import dev.datalifecycle.core.sql.Dialect;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The library's own tables (deletions, their roots and counts, detached links), shipped as versioned
 * plain-SQL migrations per database under {@code db/lifecycle/<database>/} on the class path. Point
 * Flyway at {@code classpath:db/lifecycle/postgresql} (or {@code h2}, {@code mariadb}), or let this
 * opt-in installer create them: the library never creates tables unless asked.
 *
 * <pre>{@code
 * LifecycleSchema.install(connection, Dialects.detect(connection));   // creates what is missing
 * }</pre>
 */
public final class LifecycleSchema {

    /** The migrations, in order. */
    static final List<String> MIGRATIONS = List.of("V1_0__lifecycle_tables.sql");

    private static final Logger LOG = LoggerFactory.getLogger(LifecycleSchema.class);

    private LifecycleSchema() {
    }

    /**
     * Creates the library's tables in the connection's schema unless they are there, in one
     * transaction on databases whose DDL is transactional. Does nothing when {@code lc_deletion}
     * exists.
     *
     * @return whether anything was created
     * @throws LifecycleException when a migration fails, naming it
     */
    public static boolean install(Connection connection, Dialect dialect) throws SQLException {
        if (installed(connection)) {
            return false;
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (String migration : MIGRATIONS) {
                String location = "db/lifecycle/" + dialect.migrationFolder() + "/" + migration;
                for (String sql : statements(location)) {
                    try {
                        statement.execute(sql);
                    } catch (SQLException e) {
                        throw new LifecycleException("Migration " + location + " failed on " + dialect.product() + " at '"
                                + sql.lines().findFirst().orElse(sql) + "': " + e.getMessage(), e);
                    }
                }
            }
            connection.commit();
            LOG.info("Data Lifecycle created its tables ({}) on {}", MIGRATIONS, dialect.product());
            return true;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Whether the library's tables exist in the connection's schema. */
    public static boolean installed(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        for (String name : new String[] {"lc_deletion", "LC_DELETION"}) {
            try (ResultSet rs = meta.getTables(connection.getCatalog(), connection.getSchema(), name, null)) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The statements of a script: split at semicolons that end a line, comment lines dropped. */
    static List<String> statements(String location) {
        String script;
        try (InputStream in = LifecycleSchema.class.getClassLoader().getResourceAsStream(location)) {
            if (in == null) {
                throw new LifecycleException("Migration " + location + " is missing from the class path: is lifecycle-core complete?");
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LifecycleException("Migration " + location + " could not be read: " + e.getMessage(), e);
        }
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                statements.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }
}
