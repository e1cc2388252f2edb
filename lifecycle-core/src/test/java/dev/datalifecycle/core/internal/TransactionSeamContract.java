package dev.datalifecycle.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.datalifecycle.api.InvalidRequestException;
import dev.datalifecycle.api.JdbcTransaction;
import dev.datalifecycle.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The transaction seam for the library's own transactions ({@link DataSourceTransactions}) and for a
 * JDBC host's ({@link JdbcTransaction}): work commits or rolls back whole, and a listener learns
 * which, once.
 */
abstract class TransactionSeamContract {

    @BeforeAll
    static void table(TestDatabase db) {
        db.execute("create table seam (id bigint primary key)");
    }

    @BeforeEach
    void empty(TestDatabase db) {
        db.execute("delete from seam");
    }

    @Test
    void anOwnTransactionCommitsItsWorkAndThenTellsItsListeners(TestDatabase db) throws SQLException {
        List<String> told = new ArrayList<>();
        String result = new DataSourceTransactions(db.dataSource()).inNewTransaction(tx -> {
            insert(tx.connection(), 1);
            tx.afterCompletion(committed -> told.add("committed=" + committed + ", rows=" + db.rows("select id from seam")));
            return "done";
        });
        assertEquals("done", result);
        assertEquals(List.of("committed=true, rows=[id=1]"), told);
    }

    @Test
    void anOwnTransactionThatFailsRollsBackAndTellsItsListeners(TestDatabase db) {
        List<Boolean> told = new ArrayList<>();
        IllegalStateException failure = new IllegalStateException("refused");
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> new DataSourceTransactions(db.dataSource()).inNewTransaction(tx -> {
                    insert(tx.connection(), 1);
                    tx.afterCompletion(told::add);
                    throw failure;
                }));
        assertSame(failure, thrown);
        assertEquals(List.of(false), told);
        assertEquals(List.of(), db.rows("select id from seam"));
    }

    @Test
    void aHostsTransactionTellsItsListenersWhatTheHostReports(TestDatabase db) throws SQLException {
        try (Connection connection = db.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            JdbcTransaction first = JdbcTransaction.of(connection);
            List<Boolean> told = new ArrayList<>();
            insert(first.connection(), 1);
            first.afterCompletion(told::add);
            first.afterCompletion(told::add);
            connection.commit();
            first.committed();
            assertEquals(List.of(true, true), told);
            InvalidRequestException twice = assertThrows(InvalidRequestException.class, first::rolledBack);
            assertTrue(twice.getMessage().contains("already reported"), twice.getMessage());
            assertThrows(InvalidRequestException.class, first::connection);

            JdbcTransaction second = JdbcTransaction.of(connection);
            insert(second.connection(), 2);
            second.afterCompletion(committed -> told.add(committed));
            connection.rollback();
            second.rolledBack();
            assertEquals(List.of(true, true, false), told);
            connection.setAutoCommit(true);
        }
        assertEquals(List.of("id=1"), db.rows("select id from seam"));
    }

    @Test
    void aHostsConnectionWithoutATransactionIsRefused(TestDatabase db) throws SQLException {
        try (Connection connection = db.dataSource().getConnection()) {
            connection.setAutoCommit(true);
            InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> JdbcTransaction.of(connection).connection());
            assertTrue(e.getMessage().contains("setAutoCommit(false)"), e.getMessage());
        }
    }

    @Test
    void everyListenerIsToldEvenWhenOneFails(TestDatabase db) throws SQLException {
        try (Connection connection = db.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            JdbcTransaction transaction = JdbcTransaction.of(connection);
            List<Boolean> told = new ArrayList<>();
            transaction.afterCompletion(committed -> {
                throw new IllegalStateException("first listener failed");
            });
            transaction.afterCompletion(told::add);
            connection.commit();
            IllegalStateException e = assertThrows(IllegalStateException.class, transaction::committed);
            assertEquals("first listener failed", e.getMessage());
            assertEquals(List.of(true), told);
            connection.setAutoCommit(true);
        }
    }

    private static void insert(Connection connection, long id) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("insert into seam (id) values (" + id + ")");
        }
    }
}
