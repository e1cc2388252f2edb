package dev.datalifecycle.api;

/**
 * The database behind the host's connection is not one the library has a dialect for. Raised when
 * the library starts, never as a wrong SQL string later. Supported: H2, PostgreSQL and MariaDB.
 */
public final class UnsupportedDatabaseException extends LifecycleException {

    private static final long serialVersionUID = 1L;

    private final String product;

    /**
     * @param product the database product as the driver reports it, e.g. {@code Oracle}
     * @param detail  what else the host should know, e.g. the supported products
     */
    public UnsupportedDatabaseException(String product, String detail) {
        super("Data Lifecycle is not supported for " + product + ": " + detail);
        this.product = product;
    }

    /** The product name the driver reported. */
    public String product() {
        return product;
    }
}
