package dev.datalifecycle.jpa.entry;

import dev.datalifecycle.api.DataLifecycle;
import dev.datalifecycle.api.JdbcTransaction;
import dev.datalifecycle.api.spi.Authorizer;
import dev.datalifecycle.api.HostTransaction;
import dev.datalifecycle.core.LifecycleJdbc;
import dev.datalifecycle.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

/** The entry-point contract through {@code LifecycleJdbc}: a JDBC host's {@code DataSource}, model and connection. */
abstract class EntryPointJdbcContract extends EntryPointContract {

    @Override
    DataLifecycle build(TestDatabase db, Clock clock, Authorizer authorizer) {
        // Classes name types by their simple name, the JDBC builder's default: Account.class is "Account".
        return LifecycleJdbc.builder(db.dataSource(), EntryModel.model()).clock(clock).authorizer(authorizer).build();
    }

    @Override
    HostTx begin(TestDatabase db) {
        try {
            Connection connection = db.dataSource().getConnection();
            connection.setAutoCommit(false);
            JdbcTransaction transaction = JdbcTransaction.of(connection);
            return new HostTx() {
                @Override
                public HostTransaction transaction() {
                    return transaction;
                }

                @Override
                public void commit() {
                    try {
                        connection.commit();
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                    transaction.committed();
                }

                @Override
                public void rollback() {
                    try {
                        connection.rollback();
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                    transaction.rolledBack();
                }

                @Override
                public void close() {
                    try {
                        connection.setAutoCommit(true);
                        connection.close();
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }
            };
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
