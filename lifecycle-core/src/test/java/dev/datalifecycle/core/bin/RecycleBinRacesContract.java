package dev.datalifecycle.core.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.datalifecycle.api.Actor;
import dev.datalifecycle.api.AlreadyDeletedException;
import dev.datalifecycle.api.Criteria;
import dev.datalifecycle.api.DeleteBlockedException;
import dev.datalifecycle.api.DeletePlan;
import dev.datalifecycle.api.DeleteRule;
import dev.datalifecycle.api.Deletion;
import dev.datalifecycle.api.RuleSpec;
import dev.datalifecycle.api.StalePlanException;
import dev.datalifecycle.core.model.IdType;
import dev.datalifecycle.core.model.LifecycleModel;
import dev.datalifecycle.core.plan.DeletePlanner;
import dev.datalifecycle.core.sql.Dialect;
import dev.datalifecycle.core.sql.Dialects;
import dev.datalifecycle.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Races the recycle bin must survive, each with its interleaving forced by the {@code afterLocking}
 * hook (a latch between taking the locks and changing anything), not left to luck.
 */
abstract class RecycleBinRacesContract extends CrmBinContract {

    @Test
    void aPurgeRacingARestoreOfTheSameDeletionWaitsForItAndThenFindsItRestored(TestDatabase db) throws Exception {
        db.execute("delete from contact where id = 12");
        Deletion deletion = delete(db, "Customer", 1, ALICE);
        java.util.concurrent.CountDownLatch locked = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Future<Object> restoring = threads.submit(() -> {
                try (Connection c = db.dataSource().getConnection()) {
                    c.setAutoCommit(false);
                    RecycleBin bin = new RecycleBin(MODEL, Dialects.detect(c), CLOCK);
                    bin.afterLocking(() -> {
                        locked.countDown();
                        try {
                            go.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
                    bin.restore(c, deletion.id(), ALICE);
                    c.commit();
                }
                return null;
            });
            assertTrue(locked.await(10, java.util.concurrent.TimeUnit.SECONDS), "the restore took its lock");
            java.util.concurrent.Future<Exception> purging = threads.submit(() -> {
                try (Connection c = db.dataSource().getConnection()) {
                    c.setAutoCommit(false);
                    try {
                        new RecycleBin(MODEL, Dialects.detect(c), CLOCK).purge(c, deletion.id(), ALICE);
                        c.commit();
                        return null;
                    } catch (Exception e) {
                        c.rollback();
                        return e;
                    }
                }
            });
            Thread.sleep(300);
            assertFalse(purging.isDone(), "the purge waits for the restore's lock on the deletion");
            go.countDown();
            restoring.get(10, java.util.concurrent.TimeUnit.SECONDS);
            Exception refused = purging.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(refused instanceof dev.datalifecycle.api.NotInBinException, () -> String.valueOf(refused));
        } finally {
            go.countDown();
            threads.shutdownNow();
        }
        assertEquals(List.of("state=RESTORED"), db.rows("select state from lc_deletion"));
        assertEquals(List.of("id=1", "id=2"), db.rows("select id from customer where deletion_id is null"));
    }

    @Test
    void twoDeletesOfOverlappingGraphsSerializeAndTheLaterOneIsRefused(TestDatabase db) throws Exception {
        DeletePlan customerPlan = plan(db, 1);
        DeletePlan contactPlan = inTransaction(db, (c, planner, bin) -> planner.plan(c, "Contact", List.of(10L), ALICE));
        java.util.concurrent.CountDownLatch locked = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Future<Exception> customer = threads.submit(() -> deleteOrRefusal(db, customerPlan, () -> {
                locked.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertTrue(locked.await(10, java.util.concurrent.TimeUnit.SECONDS), "the customer's delete locked its root");
            java.util.concurrent.Future<Exception> contact = threads.submit(() -> deleteOrRefusal(db, contactPlan, () -> { }));
            // PostgreSQL and H2 let the contact's delete through at once; MariaDB's locking read of the
            // contact's tenant path waits for the customer's lock (and may deadlock with it). Any order
            // must end with one deletion and a refusal that says why.
            Exception contactOutcome = null;
            boolean contactFirst;
            try {
                contactOutcome = contact.get(2, java.util.concurrent.TimeUnit.SECONDS);
                contactFirst = true;
            } catch (java.util.concurrent.TimeoutException waiting) {
                contactFirst = false;
            }
            go.countDown();
            Exception customerOutcome = customer.get(20, java.util.concurrent.TimeUnit.SECONDS);
            Exception contactResult = contactFirst ? contactOutcome : contact.get(20, java.util.concurrent.TimeUnit.SECONDS);
            // Exactly one of them deletes; the other is refused with a reason a caller can act on.
            List<Exception> outcomes = java.util.Arrays.asList(customerOutcome, contactResult);
            assertEquals(1, outcomes.stream().filter(java.util.Objects::isNull).count(), () -> String.valueOf(outcomes));
            Exception refused = outcomes.stream().filter(java.util.Objects::nonNull).findFirst().orElseThrow();
            assertTrue(refused instanceof StalePlanException || refused instanceof AlreadyDeletedException
                    || refused instanceof dev.datalifecycle.api.ConcurrentChangeException, () -> String.valueOf(refused));
            assertEquals(List.of("root_type=" + (customerOutcome == null ? "Customer" : "Contact")),
                    db.rows("select root_type from lc_deletion"));
        } finally {
            go.countDown();
            threads.shutdownNow();
        }
    }


    /** Restores in a transaction of its own; returns the refusal instead of throwing it. */
    static Exception restoreOrRefusal(TestDatabase db, Deletion deletion, Runnable afterLocking) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            RecycleBin bin = new RecycleBin(MODEL, Dialects.detect(c), CLOCK);
            bin.afterLocking(afterLocking);
            try {
                bin.restore(c, deletion.id(), ALICE);
                c.commit();
                return null;
            } catch (Exception e) {
                c.rollback();
                return e;
            }
        }
    }

    /** Whatever won a race, no live record may be left referencing a record in the bin. */
    static void assertNoLiveRecordUnderADeletedOne(TestDatabase db) {
        assertEquals(List.of(), db.rows("select c.id from contact c join customer p on p.id = c.customer_id"
                + " where c.deletion_id is null and p.deletion_id is not null"), "live contacts of a deleted customer");
        assertEquals(List.of(), db.rows("select a.id from activity a join contact p on p.id = a.contact_id"
                + " where a.deletion_id is null and p.deletion_id is not null"), "live activities naming a deleted contact");
    }

    @Test
    void aRestoreThatLockedItsDeletionSeesAParentDeletedSinceAndIsRefused(TestDatabase db) throws Exception {
        Deletion contact = delete(db, "Contact", 10, ALICE);
        DeletePlan customerPlan = plan(db, 1);
        java.util.concurrent.CountDownLatch locked = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            // The restore takes its snapshot and its lock on the deletion, then waits.
            java.util.concurrent.Future<Exception> restoring = threads.submit(() -> restoreOrRefusal(db, contact, pauseAt(locked, go)));
            assertTrue(locked.await(10, java.util.concurrent.TimeUnit.SECONDS), "the restore locked its deletion");
            // Meanwhile the contact's customer is deleted and committed.
            Exception deleted = threads.submit(() -> deleteOrRefusal(db, customerPlan, () -> { }))
                    .get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(null, deleted);
            go.countDown();
            Exception refused = restoring.get(10, java.util.concurrent.TimeUnit.SECONDS);
            // MariaDB's REPEATABLE READ snapshot still shows the customer live: only a locking read sees the delete.
            assertTrue(refused instanceof dev.datalifecycle.api.RestoreDependsOnDeletionException, () -> String.valueOf(refused));
        } finally {
            go.countDown();
            threads.shutdownNow();
        }
        assertEquals(List.of("id=10, state=d1", "id=11, state=d2"),
                db.rows("select id, case when deletion_id = '" + contact.id() + "' then 'd1' else 'd2' end as state"
                        + " from contact where id in (10, 11)"));
        assertNoLiveRecordUnderADeletedOne(db);
    }

    @Test
    void aRestoreRacingADeleteOfItsParentWaitsForItAndNeverLeavesAnOrphan(TestDatabase db) throws Exception {
        Deletion contact = delete(db, "Contact", 10, ALICE);
        DeletePlan customerPlan = plan(db, 1);
        java.util.concurrent.CountDownLatch locked = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
        Exception deleteOutcome;
        Exception restoreOutcome;
        try {
            // The delete locks the customer, then waits before marking anything.
            java.util.concurrent.Future<Exception> deleting = threads.submit(() -> deleteOrRefusal(db, customerPlan, pauseAt(locked, go)));
            assertTrue(locked.await(10, java.util.concurrent.TimeUnit.SECONDS), "the delete locked its root");
            java.util.concurrent.Future<Exception> restoring = threads.submit(() -> restoreOrRefusal(db, contact, () -> { }));
            Thread.sleep(300);
            assertFalse(restoring.isDone(), "the restore's locking read of the contact's customer waits for the delete");
            go.countDown();
            deleteOutcome = deleting.get(20, java.util.concurrent.TimeUnit.SECONDS);
            restoreOutcome = restoring.get(20, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            go.countDown();
            threads.shutdownNow();
        }
        Exception delete = deleteOutcome;
        Exception restore = restoreOutcome;
        if (delete == null) {
            // The usual order: the delete commits, the restore then sees the customer in the bin.
            assertTrue(restore instanceof dev.datalifecycle.api.RestoreDependsOnDeletionException
                    || restore instanceof dev.datalifecycle.api.ConcurrentChangeException, () -> String.valueOf(restore));
        } else {
            // A deadlock victim (MariaDB) steps back whole and says a retry is safe.
            assertTrue(delete instanceof dev.datalifecycle.api.ConcurrentChangeException, () -> String.valueOf(delete));
        }
        assertNoLiveRecordUnderADeletedOne(db);
    }
}
