package dev.datalifecycle.core.bin;

import dev.datalifecycle.api.ConcurrentChangeException;
import dev.datalifecycle.core.sql.SqlBuilder;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import javax.sql.DataSource;

/**
 * How every recycle-bin operation runs on the caller's connection: inside a savepoint of its own, so
 * a failure undoes exactly what it did, and with collisions between transactions turned into {@link
 * ConcurrentChangeException}, which says a retry is safe.
 */
final class BinTransactions {

    private BinTransactions() {
    }

    /** One step of an operation, run inside its savepoint. */
    interface Step<T> {
        T run() throws SQLException;
    }

    /**
     * Runs {@code step} inside a savepoint of its own: on failure everything it did is undone and the
     * caller's earlier work stays; a collision with another transaction becomes {@link
     * ConcurrentChangeException}, naming {@code operation} (when given).
     */
    static <T> T atomically(Connection connection, String operation, Step<T> step) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try {
            T result = step.run();
            connection.releaseSavepoint(savepoint);
            return result;
        } catch (SQLException e) {
            undo(connection, savepoint, e);
            RuntimeException collided = operation == null ? null : concurrent(operation, e);
            if (collided != null) {
                throw collided;
            }
            throw e;
        } catch (RuntimeException e) {
            undo(connection, savepoint, e);
            throw e;
        }
    }

    /**
     * Runs {@code step} as the only work of its transaction, which the caller rolls back whole when it
     * fails: no savepoint (two round trips saved), collisions turned into {@link
     * ConcurrentChangeException} all the same.
     */
    static <T> T alone(String operation, Step<T> step) throws SQLException {
        try {
            return step.run();
        } catch (SQLException e) {
            RuntimeException collided = concurrent(operation, e);
            if (collided != null) {
                throw collided;
            }
            throw e;
        }
    }

    /**
     * Rolls back to the operation's savepoint. After a deadlock MariaDB has rolled back the whole
     * transaction already and the savepoint is gone: the original failure is what the caller needs,
     * so a failing rollback is attached to it rather than thrown instead of it.
     */
    static void undo(Connection connection, Savepoint savepoint, Exception failure) {
        try {
            connection.rollback(savepoint);
        } catch (SQLException gone) {
            failure.addSuppressed(gone);
        }
    }

    /**
     * A deadlock, a serialization failure or a lock timeout becomes {@link ConcurrentChangeException};
     * anything else gives {@code null}.
     */
    static RuntimeException concurrent(String operation, SQLException e) {
        return dev.datalifecycle.core.sql.SqlFailures.collided(e) ? new ConcurrentChangeException(operation, e) : null;
    }

    static void execute(Connection connection, SqlBuilder sql) throws SQLException {
        sql.executeUpdate(connection);
    }

    /**
     * Refuses a transaction whose isolation level cannot keep an operation's promises (see {@link
     * dev.datalifecycle.api.UnsupportedIsolationLevelException}): READ UNCOMMITTED anywhere, and on
     * databases whose locking reads keep to the snapshot, anything above READ COMMITTED.
     */
    static void requireSupportedIsolation(Connection connection, dev.datalifecycle.core.sql.Dialect dialect, String operation)
            throws SQLException {
        int level = connection.getTransactionIsolation();
        boolean supported = level == Connection.TRANSACTION_READ_COMMITTED || level == Connection.TRANSACTION_NONE
                || level != Connection.TRANSACTION_READ_UNCOMMITTED && dialect.lockingReadsSeeNewerCommits();
        if (!supported) {
            throw new dev.datalifecycle.api.UnsupportedIsolationLevelException(operation, dialect.product(), switch (level) {
                case Connection.TRANSACTION_READ_UNCOMMITTED -> "READ UNCOMMITTED";
                case Connection.TRANSACTION_REPEATABLE_READ -> "REPEATABLE READ";
                case Connection.TRANSACTION_SERIALIZABLE -> "SERIALIZABLE";
                default -> "isolation level " + level;
            }, dialect.lockingReadsSeeNewerCommits() ? "READ COMMITTED, REPEATABLE READ or SERIALIZABLE" : "READ COMMITTED");
        }
    }

    /** Work on a connection of its own. */
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} in a transaction of its own on a connection from {@code dataSource}: committed
     * when it returns, rolled back when it throws. A commit that collides (PostgreSQL's SERIALIZABLE
     * fails at commit) becomes {@link ConcurrentChangeException} too.
     */
    static <T> T inOwnTransaction(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException e) {
                rollback(connection, e);
                RuntimeException collided = concurrent("transaction", e);
                if (collided != null) {
                    throw collided;
                }
                throw e;
            } catch (RuntimeException e) {
                rollback(connection, e);
                throw e;
            } finally {
                // A pooled connection goes back as it came.
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private static void rollback(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
