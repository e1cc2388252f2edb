package dev.datalifecycle.core.bin;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens one transaction of a batch and runs its work on the transaction's connection: a data
 * source's, or an integration's own (a Hibernate session's). See
 * {@link RecycleBin#deleteBatch(ChunkTransactions, dev.datalifecycle.api.Actor, String, dev.datalifecycle.api.Batch, AfterDeletion)}.
 */
@FunctionalInterface
public interface ChunkTransactions {

    /** Runs {@code work} on a connection in a new transaction, committed when it returns, rolled back when it throws. */
    void inTransaction(Work work) throws SQLException;

    /** One transaction's work on its connection. */
    @FunctionalInterface
    interface Work {
        /** Does the work. */
        void run(Connection connection) throws SQLException;
    }
}
