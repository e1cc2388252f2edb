package dev.datalifecycle.core.sql;

/**
 * What differs between the databases the engine supports, named as capabilities rather than
 * products, so that no code outside this package asks "is this PostgreSQL?". One small
 * implementation per database; {@link Dialects} picks one from the connection's metadata.
 */
public interface Dialect {

    /** The product this dialect speaks to, e.g. {@code PostgreSQL}. */
    String product();

    /**
     * Quotes an identifier taken from the validated model (table, column), keeping its case. A quote
     * character inside the name is doubled, so no identifier can end the quoting early.
     */
    String quote(String identifier);

    /** Whether {@code SELECT ... FOR UPDATE SKIP LOCKED} is available (all three: yes). */
    boolean supportsSkipLocked();

    /**
     * The clause for a locking read that conflicts with a concurrent soft-delete {@code UPDATE} but
     * not with other readers: {@code FOR SHARE} on PostgreSQL, {@code LOCK IN SHARE MODE} on MariaDB,
     * and {@code FOR UPDATE} on H2, which rejects both shared forms.
     */
    String sharedLockClause();
}
