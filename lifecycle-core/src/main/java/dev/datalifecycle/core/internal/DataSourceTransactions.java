package dev.datalifecycle.core.internal;

import dev.datalifecycle.api.JdbcTransaction;
import dev.datalifecycle.api.spi.TransactionSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The library's own transactions over a {@code DataSource}: a connection a transaction, auto-commit
 * off, committed or rolled back, then given back as it came. After-completion listeners run once the
 * transaction ended; one that fails is logged, since the transaction's outcome stands.
 */
public final class DataSourceTransactions implements TransactionSource {

    private static final Logger LOG = LoggerFactory.getLogger(DataSourceTransactions.class);

    private final DataSource dataSource;

    /** Transactions on connections from {@code dataSource}. */
    public DataSourceTransactions(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public <T> T inNewTransaction(Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            JdbcTransaction transaction = JdbcTransaction.of(connection);
            T result;
            try {
                result = work.run(transaction);
                connection.commit();
            } catch (SQLException | RuntimeException | Error e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                tell(transaction, false);
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
            tell(transaction, true);
            return result;
        }
    }

    private static void tell(JdbcTransaction transaction, boolean committed) {
        try {
            if (committed) {
                transaction.committed();
            } else {
                transaction.rolledBack();
            }
        } catch (RuntimeException e) {
            LOG.warn("Data Lifecycle: a listener of a transaction that {} failed", committed ? "committed" : "rolled back", e);
        }
    }
}
