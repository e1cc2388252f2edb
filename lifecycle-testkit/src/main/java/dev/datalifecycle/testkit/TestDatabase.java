package dev.datalifecycle.testkit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * A database of its own for one test class (or one benchmark run): a fresh in-memory H2 database, a
 * fresh PostgreSQL schema, or a fresh MariaDB database, dropped again by {@link #close()}. Names are
 * random, so a run never sees what an earlier (or crashed) run left behind.
 *
 * <p>Tests get one injected by {@link OnDatabase}; code outside JUnit calls {@link #create}.
 */
public final class TestDatabase implements AutoCloseable {

    private final Dbms dbms;
    private final String name;
    private final String jdbcUrl;
    private final HikariDataSource pool;
    private final StatementCounter statements = new StatementCounter();
    private final DataSource counted;

    private TestDatabase(Dbms dbms, String name, String jdbcUrl) {
        this.dbms = dbms;
        this.name = name;
        this.jdbcUrl = jdbcUrl;
        HikariConfig config = new HikariConfig();
        config.setPoolName("testkit-" + name);
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user());
        config.setPassword(dbms.password());
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(0);
        this.pool = new HikariDataSource(config);
        this.counted = statements.wrap(pool);
    }

    /**
     * Creates a fresh, empty database on {@code dbms}, named after {@code label} plus a random suffix.
     *
     * @throws DatabaseUnavailableException when the server cannot be reached
     */
    public static TestDatabase create(Dbms dbms, String label) {
        String name = isolatedName(label);
        switch (dbms) {
            case H2:
                return new TestDatabase(dbms, name, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
            case POSTGRESQL:
                admin(dbms, "CREATE SCHEMA " + name);
                return new TestDatabase(dbms, name, serverUrl(dbms, dbms.database()) + "?currentSchema=" + name);
            case MARIADB:
                admin(dbms, "CREATE DATABASE " + name);
                return new TestDatabase(dbms, name, serverUrl(dbms, name));
            default:
                throw new IllegalArgumentException("No test database for " + dbms);
        }
    }

    /**
     * Opens a plain connection to the server's administrative database, failing fast when it is not
     * there; used to tell "not reachable" apart from a failing test.
     */
    static Connection connectToServer(Dbms dbms) throws SQLException {
        java.util.Properties props = new java.util.Properties();
        props.setProperty("user", dbms.user());
        props.setProperty("password", dbms.password());
        switch (dbms) {
            case POSTGRESQL:
                props.setProperty("connectTimeout", "3");
                break;
            case MARIADB:
                props.setProperty("connectTimeout", "3000");
                break;
            default:
                break;
        }
        return DriverManager.getConnection(serverUrl(dbms, dbms.database()), props);
    }

    /** Where the server is, for messages: {@code 127.0.0.1:5432/test as postgres}. */
    static String describeServer(Dbms dbms) {
        return dbms.host() + ":" + dbms.port() + "/" + dbms.database() + " as " + dbms.user();
    }

    private static String serverUrl(Dbms dbms, String database) {
        String scheme = dbms == Dbms.POSTGRESQL ? "postgresql" : "mariadb";
        return "jdbc:" + scheme + "://" + dbms.host() + ":" + dbms.port() + "/" + database;
    }

    private static void admin(Dbms dbms, String sql) {
        try (Connection c = connectToServer(dbms); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(
                    dbms.displayName() + " at " + describeServer(dbms) + " refused '" + sql + "': " + e.getMessage(), e);
        }
    }

    private static String isolatedName(String label) {
        String base = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        if (base.length() > 30) {
            base = base.substring(0, 30);
        }
        String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
        return "lc_" + base + "_" + suffix;
    }

    /** Which database this is. */
    public Dbms dbms() {
        return dbms;
    }

    /** The schema (PostgreSQL), database (MariaDB, H2) this test owns. */
    public String name() {
        return name;
    }

    /** The JDBC URL that reaches this database (and only it). */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The user to connect as. */
    public String user() {
        return dbms == Dbms.H2 ? "sa" : dbms.user();
    }

    /** The password to connect with. */
    public String password() {
        return dbms == Dbms.H2 ? "" : dbms.password();
    }

    /** A pooled {@code DataSource} whose statements {@link #statements()} counts. */
    public DataSource dataSource() {
        return counted;
    }

    /** The counter of every statement sent through {@link #dataSource()}. */
    public StatementCounter statements() {
        return statements;
    }

    /**
     * Settings for a Jakarta Persistence {@code EntityManagerFactory} that uses this database
     * through the counted {@code DataSource}. Add {@code hibernate.hbm2ddl.auto} if the test wants
     * Hibernate to create the tables.
     */
    public Map<String, Object> jpaProperties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("jakarta.persistence.nonJtaDataSource", counted);
        return properties;
    }

    /** Runs SQL statements for fixtures, in one transaction, through the counted data source. */
    public void execute(String... sql) {
        try (Connection c = counted.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (String each : sql) {
                s.execute(each);
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("Fixture SQL failed on " + dbms.displayName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads rows as sorted text lines, {@code "id=1, name=Acme"}, so a test can compare a table's
     * content with one {@code assertEquals}. Values print as JDBC returns them; {@code null} as
     * {@code null}.
     *
     * @param sql a query, e.g. {@code "select id, name from customer"}
     */
    public java.util.List<String> rows(String sql) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery(sql)) {
            java.sql.ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                StringBuilder line = new StringBuilder();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    if (i > 1) {
                        line.append(", ");
                    }
                    line.append(meta.getColumnLabel(i).toLowerCase(Locale.ROOT)).append('=').append(rs.getObject(i));
                }
                lines.add(line.toString());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading '" + sql + "' failed on " + dbms.displayName() + ": " + e.getMessage(), e);
        }
        java.util.Collections.sort(lines);
        return lines;
    }

    /**
     * Closes the pool and drops what {@link #create} made. Errors are reported, not thrown, so that
     * they do not hide a test's own failure.
     */
    @Override
    public void close() {
        pool.close();
        try {
            switch (dbms) {
                case H2:
                    try (Connection c = DriverManager.getConnection(jdbcUrl, "sa", "");
                            Statement s = c.createStatement()) {
                        s.execute("SHUTDOWN");
                    }
                    break;
                case POSTGRESQL:
                    admin(dbms, "DROP SCHEMA IF EXISTS " + name + " CASCADE");
                    break;
                case MARIADB:
                    admin(dbms, "DROP DATABASE IF EXISTS " + name);
                    break;
                default:
                    break;
            }
        } catch (SQLException | RuntimeException e) {
            System.err.println("[testkit] could not drop " + name + " on " + dbms.displayName() + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return dbms.displayName() + " " + name;
    }
}
