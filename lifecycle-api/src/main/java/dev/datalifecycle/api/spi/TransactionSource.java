package dev.datalifecycle.api.spi;

import dev.datalifecycle.api.HostTransaction;
import java.sql.SQLException;

/**
 * Where an entry point's own transactions come from: the operations that run on their own (not
 * through {@link dev.datalifecycle.api.DataLifecycle#with}) and every chunk of long work. lifecycle-core
 * supplies one over a {@code DataSource}, lifecycle-jpa one over a Hibernate factory's sessions, and a
 * framework module may supply its own (a Spring transaction manager's).
 */
public interface TransactionSource {

    /**
     * Runs {@code work} in a new transaction: committed when it returns, rolled back when it throws, and
     * the transaction's {@link HostTransaction#afterCompletion completion listeners} told either way.
     *
     * @throws SQLException when the work, the commit or the rollback fails
     */
    <T> T inNewTransaction(Work<T> work) throws SQLException;

    /** The work of one transaction. */
    @FunctionalInterface
    interface Work<T> {
        /** Does the work in {@code transaction}. */
        T run(HostTransaction transaction) throws SQLException;
    }
}
