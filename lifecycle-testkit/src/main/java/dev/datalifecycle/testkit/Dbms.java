package dev.datalifecycle.testkit;

import java.util.Locale;

/**
 * The databases every behaviour is proven on. Connection settings come from environment variables
 * {@code LIFECYCLE_<NAME>_HOST}, {@code _PORT}, {@code _DATABASE}, {@code _USER} and {@code _PASSWORD}
 * (for example {@code LIFECYCLE_POSTGRESQL_PORT}); the defaults are the local services CI starts.
 */
public enum Dbms {

    /** H2 in memory: always available, the library's embedded default. */
    H2("H2", null, 0, null, null),

    /** PostgreSQL, default {@code postgres@127.0.0.1:5432/test} with trust authentication. */
    POSTGRESQL("PostgreSQL", "127.0.0.1", 5432, "test", "postgres"),

    /** MariaDB, default {@code root@127.0.0.1:3306/test} with an empty password. */
    MARIADB("MariaDB", "127.0.0.1", 3306, "test", "root");

    private final String displayName;
    private final String defaultHost;
    private final int defaultPort;
    private final String defaultDatabase;
    private final String defaultUser;

    Dbms(String displayName, String defaultHost, int defaultPort, String defaultDatabase, String defaultUser) {
        this.displayName = displayName;
        this.defaultHost = defaultHost;
        this.defaultPort = defaultPort;
        this.defaultDatabase = defaultDatabase;
        this.defaultUser = defaultUser;
    }

    /** The product name as a reader expects it in a test report, e.g. {@code PostgreSQL}. */
    public String displayName() {
        return displayName;
    }

    /** Whether this database is a server that may be missing (H2 never is). */
    public boolean isServer() {
        return this != H2;
    }

    /**
     * Parses a name as given on a command line or in {@code LIFECYCLE_TEST_DATABASES}: {@code h2},
     * {@code postgresql} (or {@code postgres}, {@code pg}), {@code mariadb}.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Dbms parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "h2":
                return H2;
            case "postgresql":
            case "postgres":
            case "pg":
                return POSTGRESQL;
            case "mariadb":
                return MARIADB;
            default:
                throw new IllegalArgumentException(
                        "Unknown database '" + name + "': use h2, postgresql or mariadb");
        }
    }

    String host() {
        return setting("HOST", defaultHost);
    }

    int port() {
        String value = setting("PORT", Integer.toString(defaultPort));
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(envName("PORT") + "='" + value + "' is not a port number", e);
        }
    }

    String database() {
        return setting("DATABASE", defaultDatabase);
    }

    String user() {
        return setting("USER", defaultUser);
    }

    String password() {
        return setting("PASSWORD", "");
    }

    private String envName(String key) {
        return "LIFECYCLE_" + name() + "_" + key;
    }

    private String setting(String key, String fallback) {
        String value = System.getenv(envName(key));
        return value == null || value.isBlank() ? fallback : value;
    }
}
