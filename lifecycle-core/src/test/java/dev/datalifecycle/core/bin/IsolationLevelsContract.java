package dev.datalifecycle.core.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.datalifecycle.api.DeletePlan;
import dev.datalifecycle.api.Deletion;
import dev.datalifecycle.core.plan.DeletePlanner;
import dev.datalifecycle.core.sql.Dialect;
import dev.datalifecycle.core.sql.Dialects;
import dev.datalifecycle.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The isolation levels the recycle bin supports, each shown to keep its promises: a blocker that
 * commits after the deleting transaction took its snapshot still stops the delete (or the
 * transaction fails as retryable), and delete, restore and purge work. Levels whose locking reads
 * keep to the snapshot (PostgreSQL and H2 above READ COMMITTED) are refused before anything runs.
 */
abstract class IsolationLevelsContract extends CrmBinContract {

    /** Whether the recycle bin runs at {@code level} on this database (docs/recycle-bin.md, "Isolation levels"). */
    private static boolean supported(TestDatabase db, int level) {
        return level == Connection.TRANSACTION_READ_COMMITTED || db.dbms() == dev.datalifecycle.testkit.Dbms.MARIADB;
    }

    @ParameterizedTest(name = "isolation {0}")
    @ValueSource(ints = {Connection.TRANSACTION_READ_COMMITTED, Connection.TRANSACTION_REPEATABLE_READ, Connection.TRANSACTION_SERIALIZABLE})
    void aBlockerCommittedAfterTheSnapshotStillStopsTheDeleteOrTheLevelIsRefused(int level, TestDatabase db) throws SQLException {
        Exception outcome;
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(level);
            Dialect dialect = Dialects.detect(c);
            RecycleBin bin = new RecycleBin(MODEL, dialect, CLOCK);
            // The snapshot is taken by the plan, in the deleting transaction itself.
            DeletePlan plan = new DeletePlanner(MODEL, dialect).plan(c, "Customer", List.of(1L), ALICE);
            boolean inserted = insertBlocker(db);
            try {
                bin.delete(c, plan, ALICE, "isolation");
                c.commit();
                outcome = null;
            } catch (Exception e) {
                outcome = e;
            }
            c.rollback();
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            if (!inserted) {
                // MariaDB at SERIALIZABLE: the plan's reads locked the contracts; the insert had to wait.
                assertEquals(null, outcome);
                return;
            }
        }
        Exception refused = outcome;
        if (supported(db, level)) {
            assertTrue(refused instanceof dev.datalifecycle.api.DeleteBlockedException
                    || refused instanceof dev.datalifecycle.api.ConcurrentChangeException, () -> String.valueOf(refused));
        } else {
            assertTrue(refused instanceof dev.datalifecycle.api.UnsupportedIsolationLevelException, () -> String.valueOf(refused));
            assertTrue(refused.getMessage().endsWith("Run it in a READ COMMITTED transaction"), refused.getMessage());
        }
        assertEquals(List.of(), db.rows("select id from customer where deletion_id is not null"));
    }

    /** Commits an open contract of customer 1 from another connection; false when the database made it wait. */
    private static boolean insertBlocker(TestDatabase db) {
        try (Connection other = db.dataSource().getConnection(); java.sql.Statement s = other.createStatement()) {
            if (db.dbms() == dev.datalifecycle.testkit.Dbms.MARIADB) {
                s.execute("SET SESSION innodb_lock_wait_timeout = 1");
            }
            s.execute("insert into contract (id, customer_id, status) values (59, 1, 'OPEN')");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    @ParameterizedTest(name = "isolation {0}")
    @ValueSource(ints = {Connection.TRANSACTION_READ_COMMITTED, Connection.TRANSACTION_REPEATABLE_READ, Connection.TRANSACTION_SERIALIZABLE})
    void deleteRestoreAndPurgeWorkAtEachSupportedLevel(int level, TestDatabase db) throws SQLException {
        org.junit.jupiter.api.Assumptions.assumeTrue(supported(db, level), "refused at this level, as the other test shows");
        db.execute("delete from contact where id = 12");
        List<String> before = hostTables(db);
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(level);
            Dialect dialect = Dialects.detect(c);
            RecycleBin bin = new RecycleBin(MODEL, dialect, CLOCK);
            Deletion first = bin.delete(c, new DeletePlanner(MODEL, dialect).plan(c, "Customer", List.of(1L), ALICE), ALICE, "one");
            c.commit();
            bin.restore(c, first.id(), ALICE);
            c.commit();
            assertEquals(before, hostTables(db));
            Deletion second = bin.delete(c, new DeletePlanner(MODEL, dialect).plan(c, "Customer", List.of(1L), ALICE), ALICE, "two");
            c.commit();
            bin.purge(c, second.id(), ALICE);
            c.commit();
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        }
        assertEquals(List.of("id=2"), db.rows("select id from customer"));
    }
}
