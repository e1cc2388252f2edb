package dev.datalifecycle.core.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.datalifecycle.api.Batch;
import dev.datalifecycle.api.BatchOutcome;
import dev.datalifecycle.api.BatchOutcome.Result;
import dev.datalifecycle.api.BatchReport;
import dev.datalifecycle.api.Criteria;
import dev.datalifecycle.api.InvalidRequestException;
import dev.datalifecycle.core.sql.Dialects;
import dev.datalifecycle.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Batch delete: outcomes record by record (deleted, blocked with its reasons, missing, deleted
 * already), resumable chunks or all or nothing, one deletion a chunk or one a record, by ids or by
 * a criteria, with statements that depend on chunks, not records.
 */
abstract class BatchDeleteContract extends CrmBinContract {

    private static void customers(TestDatabase db, long from, long to) {
        List<String> sql = new ArrayList<>();
        for (long id = from; id <= to; id++) {
            sql.add("insert into customer (id, tenant_id, name) values (" + id + ", 't1', 'Lead " + id + "')");
        }
        db.execute(sql.toArray(String[]::new));
    }

    private static BatchReport run(TestDatabase db, Batch batch) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            return new RecycleBin(MODEL, Dialects.detect(c), CLOCK).deleteBatch(db.dataSource(), ALICE, "cleanup", batch);
        }
    }

    private static BatchOutcome outcome(BatchReport report, long id) {
        return report.outcomes().stream().filter(o -> ((Number) o.id()).longValue() == id).findFirst().orElseThrow();
    }

    private static Set<String> live(TestDatabase db) {
        return Set.copyOf(db.rows("select id from customer where deletion_id is null"));
    }

    @Test
    void eachRecordGetsItsOutcomeAndTheRestOfItsChunkGoesAhead(TestDatabase db) throws SQLException {
        customers(db, 100, 104);
        BatchReport report = run(db, Batch.of("Customer", List.of(1L, 2L, 100L, 101L, 102L, 103L, 104L, 999L)).inChunksOf(3));
        assertEquals(Result.DELETED, outcome(report, 1).result());
        BatchOutcome blocked = outcome(report, 2);
        assertEquals(Result.BLOCKED, blocked.result());
        assertEquals(List.of("1 Contract via Contract.customer_id, e.g. [53]"), blocked.reasons());
        assertEquals(Result.NOT_FOUND, outcome(report, 999).result());
        for (long id = 100; id <= 104; id++) {
            assertEquals(Result.DELETED, outcome(report, id).result(), "customer " + id);
        }
        assertEquals(Set.of("id=2"), live(db));
        // One deletion a chunk ([101, 102, 103] together), and every deletion reported is in the bin.
        assertEquals(outcome(report, 101).deletion(), outcome(report, 103).deletion());
        Set<String> reported = report.outcomes().stream().filter(o -> o.deletion() != null).map(o -> "id=" + o.deletion())
                .collect(Collectors.toSet());
        assertEquals(reported, Set.copyOf(db.rows("select id from lc_deletion")));
        assertEquals(8, report.outcomes().size());
        var chunk = inTransaction(db, (c, planner, bin) -> bin.list(c, dev.datalifecycle.api.BinQuery.all(), ALICE)).entries().stream()
                .filter(e -> e.id().equals(outcome(report, 101).deletion())).findFirst().orElseThrow();
        assertEquals(3, chunk.roots(), "the bin counts the chunk's roots");
    }

    @Test
    void runningABatchAgainFinishesWhatWasLeftAndSaysWhatWasDoneAlready(TestDatabase db) throws SQLException {
        customers(db, 100, 103);
        run(db, Batch.of("Customer", List.of(100L, 101L)));
        BatchReport again = run(db, Batch.of("Customer", List.of(100L, 101L, 102L, 103L)).inChunksOf(2));
        assertEquals(List.of(Result.ALREADY_DELETED, Result.ALREADY_DELETED, Result.DELETED, Result.DELETED),
                again.outcomes().stream().map(BatchOutcome::result).toList());
        assertEquals(Set.of("id=1", "id=2"), live(db));
    }

    @Test
    void allOrNothingDeletesNoneWhenOneIsBlocked(TestDatabase db) throws SQLException {
        customers(db, 100, 102);
        BatchReport refused = run(db, Batch.of("Customer", List.of(100L, 2L, 101L)).allOrNothing());
        assertEquals(List.of(Result.NOT_DELETED, Result.BLOCKED, Result.NOT_DELETED),
                refused.outcomes().stream().map(BatchOutcome::result).toList());
        assertEquals(List.of(), db.rows("select id from lc_deletion"));
        assertEquals(Set.of("id=1", "id=2", "id=100", "id=101", "id=102"), live(db));

        BatchReport done = run(db, Batch.of("Customer", List.of(100L, 101L, 102L)).allOrNothing());
        assertEquals(3, done.count(Result.DELETED));
        assertEquals(List.of("n=1"), db.rows("select count(*) as n from lc_deletion"));
        assertThrows(InvalidRequestException.class,
                () -> run(db, Batch.of("Customer", List.of(1L, 100L, 101L)).inChunksOf(2).allOrNothing()));
    }

    @Test
    void aDeletionPerRecordRestoresAlone(TestDatabase db) throws SQLException {
        customers(db, 100, 102);
        BatchReport report = run(db, Batch.of("Customer", List.of(100L, 101L, 102L)).deletionPerRecord());
        Set<UUID> deletions = report.outcomes().stream().map(BatchOutcome::deletion).collect(Collectors.toSet());
        assertEquals(3, deletions.size());
        UUID of101 = outcome(report, 101).deletion();
        inTransaction(db, (c, planner, bin) -> {
            bin.restore(c, of101, ALICE);
            return null;
        });
        assertEquals(Set.of("id=1", "id=2", "id=101"), live(db));
        assertNotEquals(outcome(report, 100).deletion(), outcome(report, 102).deletion());
    }

    @Test
    void aCriteriaBatchTakesTheLiveRecordsItSelectsChunkByChunk(TestDatabase db) throws SQLException {
        customers(db, 100, 106);
        BatchReport report = run(db, Batch.matching("Customer", Criteria.in("name", "Lead 100", "Lead 101", "Lead 103", "Lead 105", "Lead 106"))
                .inChunksOf(2));
        assertEquals(List.of(100L, 101L, 103L, 105L, 106L), report.outcomes().stream().map(o -> ((Number) o.id()).longValue()).toList());
        assertEquals(5, report.count(Result.DELETED));
        assertEquals(Set.of("id=1", "id=2", "id=102", "id=104"), live(db));
        assertEquals(List.of("n=3"), db.rows("select count(*) as n from lc_deletion"));
    }

    @Test
    void statementsDependOnChunksNotRecords(TestDatabase db) throws SQLException {
        customers(db, 100, 199);
        db.statements().reset();
        run(db, Batch.of("Customer", List.of(100L, 101L, 102L, 103L, 104L)));
        long few = db.statements().count();
        db.statements().reset();
        List<Object> many = new ArrayList<>();
        for (long id = 105; id <= 199; id++) {
            many.add(id);
        }
        BatchReport report = run(db, Batch.of("Customer", many));
        assertEquals(95, report.count(Result.DELETED));
        assertEquals(few, db.statements().count(), () -> db.statements().statements().toString());
        assertTrue(few < 40, () -> "statements: " + few);
    }

    @Test
    void twoBatchesThatOverlapQueueOnTheSharedRecordAndTheLaterOneSaysItWasDeletedAlready(TestDatabase db) throws Exception {
        customers(db, 100, 102);
        java.util.concurrent.CountDownLatch marked = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            // The first batch stops once it has marked its roots (the hook a batch runs there), holding their locks.
            java.util.concurrent.Future<BatchReport> first = threads.submit(() -> {
                try (Connection c = db.dataSource().getConnection()) {
                    RecycleBin bin = new RecycleBin(MODEL, Dialects.detect(c), CLOCK);
                    bin.afterLocking(pauseAt(marked, go));
                    return bin.deleteBatch(db.dataSource(), ALICE, "first", Batch.of("Customer", List.of(100L, 101L)));
                }
            });
            assertTrue(marked.await(10, java.util.concurrent.TimeUnit.SECONDS), "the first batch marked its roots");
            java.util.concurrent.Future<BatchReport> second = threads.submit(() -> run(db, Batch.of("Customer", List.of(101L, 102L))));
            Thread.sleep(300);
            assertTrue(!second.isDone(), "the second batch waits for the first's lock on customer 101");
            go.countDown();
            BatchReport firstReport = first.get(10, java.util.concurrent.TimeUnit.SECONDS);
            BatchReport secondReport = second.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(2, firstReport.count(Result.DELETED));
            assertEquals(Result.ALREADY_DELETED, outcome(secondReport, 101).result());
            assertEquals(Result.DELETED, outcome(secondReport, 102).result());
            UUID firstDeletion = outcome(firstReport, 101).deletion();
            UUID secondDeletion = outcome(secondReport, 102).deletion();
            assertEquals(List.of("id=100, d=" + firstDeletion, "id=101, d=" + firstDeletion, "id=102, d=" + secondDeletion),
                    db.rows("select id, deletion_id as d from customer where id >= 100"));
        } finally {
            go.countDown();
            threads.shutdownNow();
        }
    }
}
