package dev.datalifecycle.core.sql;

import dev.datalifecycle.api.UnsupportedDatabaseException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the {@link Dialect} for a database from what its driver reports, and refuses any other
 * database at start-up with {@link UnsupportedDatabaseException} instead of failing later with a
 * wrong SQL string.
 *
 * <pre>{@code
 * Dialect dialect = Dialects.detect(connection);   // "PostgreSQL"
 * String table = dialect.quote("Customer");         // "\"Customer\""
 * }</pre>
 */
public final class Dialects {

    private static final Logger LOG = LoggerFactory.getLogger(Dialects.class);

    /** The databases whose dialect was logged already. */
    private static final java.util.Set<String> ANNOUNCED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static final String SUPPORTED = "supported are H2 2.x, PostgreSQL and MariaDB";

    private Dialects() {
    }

    /**
     * The dialect for the database behind {@code connection}, logged once at INFO.
     *
     * @throws UnsupportedDatabaseException for any product but H2, PostgreSQL and MariaDB
     * @throws SQLException                 when the driver cannot report its metadata
     */
    public static Dialect detect(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String name = meta.getDatabaseProductName();
        String version = meta.getDatabaseProductVersion();
        Dialect dialect = forProduct(name, version);
        // Once per database, not per call: a host may detect the dialect for every operation.
        if (ANNOUNCED.add(name + " " + version)) {
            LOG.info("Data Lifecycle uses the {} dialect for {} {}", dialect.product(), name, version);
        }
        return dialect;
    }

    /**
     * The dialect for a product name and version as {@link DatabaseMetaData} reports them. MariaDB
     * reached through MySQL's driver reports "MySQL" with "MariaDB" in its version; that counts as
     * MariaDB. MySQL itself is refused: it is not tested.
     *
     * @throws UnsupportedDatabaseException naming the product and the supported ones
     */
    public static Dialect forProduct(String productName, String productVersion) {
        String product = productName == null ? "" : productName.trim();
        String version = productVersion == null ? "" : productVersion;
        switch (product.toLowerCase(Locale.ROOT)) {
            case "h2":
                return H2Dialect.INSTANCE;
            case "postgresql":
                return PostgreSqlDialect.INSTANCE;
            case "mariadb":
                return MariaDbDialect.INSTANCE;
            case "mysql":
                if (version.toLowerCase(Locale.ROOT).contains("mariadb")) {
                    return MariaDbDialect.INSTANCE;
                }
                throw new UnsupportedDatabaseException("MySQL " + version, SUPPORTED
                        + " (MySQL's locking and CTE rules differ from MariaDB's and are not tested)");
            default:
                throw new UnsupportedDatabaseException(
                        product.isEmpty() ? "an unnamed database" : product + " " + version, SUPPORTED);
        }
    }
}
