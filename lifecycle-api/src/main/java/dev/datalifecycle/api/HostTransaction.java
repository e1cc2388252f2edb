package dev.datalifecycle.api;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * A transaction the library's operations run in, as the library sees it: the connection its SQL runs
 * on, and a way to learn how the transaction ended. This is the seam after-commit work plugs into
 * (today the eviction of what an ORM caches; audit and after-commit hooks as they land). Three kinds
 * exist: the library's own transactions, a Hibernate session's ({@code LifecycleJpa.transactionOf}),
 * and a JDBC host's own connection ({@link JdbcTransaction}); a framework
 * module (a Spring starter) may supply its own.
 *
 * <p>The library never commits, rolls back or closes a host's transaction.
 */
public interface HostTransaction {

    /**
     * The connection, in an active transaction (auto-commit off), the library's statements run on.
     *
     * @throws InvalidRequestException when the transaction is not active
     */
    Connection connection();

    /**
     * Has {@code listener} told once this transaction has ended: committed or rolled back. A listener
     * registered after the end is never told.
     */
    void afterCompletion(Completion listener);

    /**
     * Called in this transaction whenever the markers of these deletions' records are in place: right
     * after a delete made them, before a restore or purge changes them. What it returns runs once the
     * change is made, still in this transaction. An integration that caches records (an ORM's session
     * and second-level cache) reads here which of them to forget; by default there is nothing to do.
     *
     * @throws SQLException when reading what to forget fails
     */
    default Runnable changing(List<UUID> deletionIds) throws SQLException {
        return () -> { };
    }

    /** Told how a transaction ended. */
    @FunctionalInterface
    interface Completion {
        /** The transaction ended; {@code committed} says whether its work is now visible to others. */
        void completed(boolean committed);
    }
}
