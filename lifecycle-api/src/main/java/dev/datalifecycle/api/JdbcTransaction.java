package dev.datalifecycle.api;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A JDBC host's own transaction, for {@link DataLifecycle#with(HostTransaction)}: the operations run
 * on the host's connection, in its transaction, and never commit it. The host commits or rolls back
 * as it always does and then says so through {@link #committed()} or {@link #rolledBack()}, so that
 * work waiting for the end of the transaction (after-commit hooks) runs, or is dropped.
 *
 * <pre>{@code
 * connection.setAutoCommit(false);
 * JdbcTransaction transaction = JdbcTransaction.of(connection);
 * lifecycle.with(transaction).delete(plan, alice, "duplicate");
 * connection.commit();
 * transaction.committed();
 * }</pre>
 *
 * <p>Not thread-safe: one transaction belongs to one thread, as its connection does.
 */
public final class JdbcTransaction implements HostTransaction {

    private final Connection connection;
    private final List<Completion> listeners = new ArrayList<>();
    private boolean ended;

    private JdbcTransaction(Connection connection) {
        this.connection = connection;
    }

    /** The transaction currently open on {@code connection}. */
    public static JdbcTransaction of(Connection connection) {
        return new JdbcTransaction(Objects.requireNonNull(connection, "connection"));
    }

    /** @throws InvalidRequestException when the connection is in auto-commit mode, closed or already ended here */
    @Override
    public Connection connection() {
        boolean active;
        try {
            active = !ended && !connection.isClosed() && !connection.getAutoCommit();
        } catch (SQLException e) {
            throw new DatabaseException("joining the host's transaction", null, null, e);
        }
        if (!active) {
            throw new InvalidRequestException("The connection given to JdbcTransaction.of(...) has no open transaction"
                    + (ended ? ": it was already reported committed or rolled back; make a new JdbcTransaction for the next one"
                            : ": call connection.setAutoCommit(false) first, or call the operation on DataLifecycle itself to have it"
                            + " run in a transaction of its own"));
        }
        return connection;
    }

    @Override
    public void afterCompletion(Completion listener) {
        Objects.requireNonNull(listener, "listener");
        if (!ended) {
            listeners.add(listener);
        }
    }

    /** Tells the listeners that the host committed this transaction. */
    public void committed() {
        end(true);
    }

    /** Tells the listeners that the host rolled this transaction back. */
    public void rolledBack() {
        end(false);
    }

    private void end(boolean committed) {
        if (ended) {
            throw new InvalidRequestException("This JdbcTransaction was already reported ended; make a new one for each transaction");
        }
        ended = true;
        RuntimeException failure = null;
        for (Completion listener : listeners) {
            try {
                listener.completed(committed);
            } catch (RuntimeException e) {
                // Every listener is told, even when one fails: the first failure is reported, the others attached.
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        listeners.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
