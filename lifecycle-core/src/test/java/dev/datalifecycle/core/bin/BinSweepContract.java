package dev.datalifecycle.core.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.datalifecycle.api.AccessDeniedException;
import dev.datalifecycle.api.Actor;
import dev.datalifecycle.api.BinPurge;
import dev.datalifecycle.api.DataLifecycle;
import dev.datalifecycle.api.DeletePlan;
import dev.datalifecycle.api.DeleteRule;
import dev.datalifecycle.api.Deletion;
import dev.datalifecycle.api.OutsideReferences;
import dev.datalifecycle.api.PurgeBlockedException;
import dev.datalifecycle.api.PurgeReport;
import dev.datalifecycle.api.RuleSpec;
import dev.datalifecycle.api.spi.Authorizer;
import dev.datalifecycle.core.LifecycleJdbc;
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
import org.junit.jupiter.api.Test;

/**
 * Emptying the bin and purging what expired, in chunks of deletions each committed on its own;
 * clearing references from outside; each operation in a transaction of its own; the authorizer seam.
 */
abstract class BinSweepContract extends CrmBinContract {

    private static final Clock LATER = Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC);

    private static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    /** Deletes customer {@code id} at {@code clock}'s time, in a transaction of its own. */
    private static Deletion deleteAt(TestDatabase db, Clock clock, String type, long id) throws SQLException {
        Dialect dialect = dialect(db);
        DeletePlan plan = inTransaction(db, (c, planner, bin) -> planner.plan(c, type, List.of(id), ALICE));
        return new RecycleBin(MODEL, dialect, clock).delete(db.dataSource(), plan, ALICE, "sweep test");
    }

    /** Customers {@code from..to} in tenant t1, each with {@code contacts} contacts. */
    private static void customers(TestDatabase db, int from, int to, int contacts) {
        List<String> sql = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            sql.add("insert into customer (id, tenant_id, name) values (" + i + ", 't1', 'Customer " + i + "')");
            for (int k = 0; k < contacts; k++) {
                sql.add("insert into contact (id, customer_id) values (" + (i * 1000 + k) + ", " + i + ")");
            }
        }
        db.execute(sql.toArray(String[]::new));
    }

    @Test
    void aSweepOfExpiredDeletionsPurgesThemChunkByChunkAndLeavesTheRest(TestDatabase db) throws SQLException {
        db.execute("delete from contact where id = 12");
        customers(db, 3, 7, 1);
        List<Deletion> expiring = new ArrayList<>();
        for (long customer : new long[] {1, 3, 4, 5, 6}) {
            expiring.add(deleteAt(db, CLOCK, "Customer", customer));
        }
        Deletion recent = deleteAt(db, at("2026-12-20T00:00:00Z"), "Customer", 7);
        List<BinPurge.Progress> progress = new ArrayList<>();

        PurgeReport report = new RecycleBin(MODEL, dialect(db), LATER)
                .purgeBin(db.dataSource(), ALICE, BinPurge.expired().inChunksOf(2).onProgress(progress::add));

        // All five were made at the same instant: a purge takes them in id order, not in the order they were made.
        assertEquals(5, report.deletions().size(), report::toString);
        assertEquals(Set.copyOf(expiring.stream().map(Deletion::id).toList()), Set.copyOf(report.deletions()));
        assertEquals(List.of(), report.blocked());
        assertEquals(List.of(new BinPurge.Progress(2, 0, 5), new BinPurge.Progress(4, 0, 5), new BinPurge.Progress(5, 0, 5)), progress);
        assertEquals(List.of("id=2", "id=7"), db.rows("select id from customer"));
        assertEquals(List.of("id=7000"), db.rows("select id from contact where customer_id <> 2"));
        assertEquals(List.of("state=IN_BIN"), db.rows("select state from lc_deletion where id = '" + recent.id() + "'"));
        assertEquals(5, db.rows("select id from lc_deletion where state = 'PURGED'").size());
    }

    @Test
    void aTenantsSweepStaysInItsTenantAndAnActorWithoutOneSweepsThemAll(TestDatabase db) throws SQLException {
        db.execute("delete from contact where id = 12", "insert into customer (id, tenant_id, name) values (8, 't2', 'Umbrella')");
        Actor greta = Actor.of("greta", "t2", Set.of());
        Deletion ours = deleteAt(db, CLOCK, "Customer", 1);
        Deletion theirs;
        try (Connection c = db.dataSource().getConnection()) {
            Dialect dialect = Dialects.detect(c);
            var plan = new DeletePlanner(MODEL, dialect).plan(c, "Customer", List.of(8L), greta);
            theirs = new RecycleBin(MODEL, dialect, CLOCK).delete(db.dataSource(), plan, greta, "theirs");
        }
        RecycleBin bin = new RecycleBin(MODEL, dialect(db), LATER);
        assertEquals(new PurgeReport(List.of(ours.id()), ours.counts(), List.of()), bin.purgeBin(db.dataSource(), ALICE, BinPurge.expired()));
        assertEquals(List.of("state=IN_BIN"), db.rows("select state from lc_deletion where id = '" + theirs.id() + "'"));

        Actor retention = Actor.of("retention-job", Set.of());
        assertEquals(new PurgeReport(List.of(theirs.id()), theirs.counts(), List.of()),
                bin.purgeBin(db.dataSource(), retention, BinPurge.expired()));
        assertEquals(List.of("state=PURGED", "state=PURGED"), db.rows("select state from lc_deletion where id in ('"
                + ours.id() + "', '" + theirs.id() + "')"));
    }

    @Test
    void aSweepStoppedHalfWayKeepsTheChunksItCommittedAndTheNextOneCarriesOn(TestDatabase db) throws SQLException {
        db.execute("delete from contact where id = 12");
        customers(db, 3, 6, 1);
        for (long customer : new long[] {1, 3, 4, 5, 6}) {
            deleteAt(db, CLOCK, "Customer", customer);
        }
        RecycleBin bin = new RecycleBin(MODEL, dialect(db), LATER);
        // The process dies after the second chunk: the listener throws, as a kill would stop the loop.
        RuntimeException killed = assertThrows(RuntimeException.class, () -> bin.purgeBin(db.dataSource(), ALICE,
                BinPurge.everything().inChunksOf(2).onProgress(p -> {
                    if (p.purged() == 4) {
                        throw new IllegalStateException("killed");
                    }
                })));
        assertEquals("killed", killed.getMessage());
        assertEquals(List.of("n=4"), db.rows("select count(*) as n from lc_deletion where state = 'PURGED'"));
        assertEquals(List.of("n=1"), db.rows("select count(*) as n from lc_deletion where state = 'IN_BIN'"));

        PurgeReport rest = bin.purgeBin(db.dataSource(), ALICE, BinPurge.everything().inChunksOf(2));
        assertEquals(1, rest.deletions().size(), rest::toString);
        assertEquals(List.of(), rest.blocked());
        assertEquals(List.of("id=2"), db.rows("select id from customer"));
    }

    @Test
    void aSweepRacingARestoreWaitsForItAndLeavesTheRestoredDeletionAlone(TestDatabase db) throws Exception {
        db.execute("delete from contact where id = 12");
        customers(db, 3, 3, 1);
        Deletion first = deleteAt(db, CLOCK, "Customer", 1);
        Deletion second = deleteAt(db, CLOCK, "Customer", 3);
        java.util.concurrent.CountDownLatch locked = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Future<Object> restoring = threads.submit(() -> {
                RecycleBin bin = new RecycleBin(MODEL, dialect(db), LATER);
                bin.afterLocking(pauseAt(locked, go));
                bin.restore(db.dataSource(), first.id(), ALICE);
                return null;
            });
            assertTrue(locked.await(10, java.util.concurrent.TimeUnit.SECONDS), "the restore locked its deletion");
            java.util.concurrent.Future<PurgeReport> sweeping = threads.submit(
                    () -> new RecycleBin(MODEL, dialect(db), LATER).purgeBin(db.dataSource(), ALICE, BinPurge.everything()));
            Thread.sleep(300);
            assertTrue(!sweeping.isDone(), "the sweep waits for the restore's lock on its deletion");
            go.countDown();
            restoring.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(new PurgeReport(List.of(second.id()), second.counts(), List.of()),
                    sweeping.get(10, java.util.concurrent.TimeUnit.SECONDS));
        } finally {
            go.countDown();
            threads.shutdownNow();
        }
        assertEquals(List.of("state=RESTORED"), db.rows("select state from lc_deletion where id = '" + first.id() + "'"));
        assertEquals(List.of("state=PURGED"), db.rows("select state from lc_deletion where id = '" + second.id() + "'"));
        assertEquals(List.of("id=1", "id=2"), db.rows("select id from customer"));
    }

    @Test
    void aSweepIsSetBasedItsStatementsDependOnChunksNotOnRecordsOrDeletions(TestDatabase db) throws SQLException {
        db.execute("delete from contact where id = 12");
        customers(db, 3, 4, 1);
        customers(db, 5, 6, 200);
        long[] counts = new long[2];
        Dialect dialect = dialect(db);
        for (int run = 0; run < 2; run++) {
            // The first sweep: two deletions of 2 records each; the second: two deletions of 201 each.
            deleteAt(db, CLOCK, "Customer", run == 0 ? 3 : 5);
            deleteAt(db, CLOCK, "Customer", run == 0 ? 4 : 6);
            db.statements().reset();
            assertEquals(2, new RecycleBin(MODEL, dialect, LATER).purgeBin(db.dataSource(), ALICE, BinPurge.everything().inChunksOf(5))
                    .deletions().size());
            counts[run] = db.statements().count();
        }
        assertEquals(counts[0], counts[1], "statements of a sweep of small and of large deletions");
        assertEquals(List.of("id=1", "id=2"), db.rows("select id from customer"));
    }

    @Test
    void aDeletionBlockedByALaterChunkIsPurgedWhenTheSweepComesBackToIt(TestDatabase db) throws SQLException {
        db.execute("delete from contact where id = 12");
        // Contact 10 goes alone on the 25th; its customer on the 24th: the customer's deletion sorts first,
        // and its purge is blocked by contact 10, which the contact's deletion holds.
        Deletion contact = deleteAt(db, at("2026-11-25T00:00:00Z"), "Contact", 10);
        Deletion customer = deleteAt(db, CLOCK, "Customer", 1);
        List<BinPurge.Progress> progress = new ArrayList<>();

        PurgeReport report = new RecycleBin(MODEL, dialect(db), LATER)
                .purgeBin(db.dataSource(), ALICE, BinPurge.everything().inChunksOf(1).onProgress(progress::add));

        assertEquals(List.of(contact.id(), customer.id()), report.deletions(), () -> report.toString());
        assertEquals(List.of(), report.blocked());
        assertEquals(List.of(new BinPurge.Progress(0, 1, 2), new BinPurge.Progress(1, 1, 2), new BinPurge.Progress(2, 0, 2)), progress);
        assertEquals(List.of("state=PURGED", "state=PURGED"), db.rows("select state from lc_deletion where id in ('"
                + contact.id() + "', '" + customer.id() + "')"));
        assertEquals(List.of("id=2"), db.rows("select id from customer"));
    }

    @Test
    void aDeletionThatStaysBlockedIsReportedWithWhyAndLeftInTheBin(TestDatabase db) throws SQLException {
        Deletion customer = deleteAt(db, CLOCK, "Customer", 1); // contact 12, held by 'd-earlier', references it
        List<String> before = hostTables(db);

        PurgeReport report = new RecycleBin(MODEL, dialect(db), LATER).purgeBin(db.dataSource(), ALICE, BinPurge.everything());

        assertEquals(new PurgeReport(List.of(), Map.of(), List.of(new PurgeReport.Blocked(customer.id(), "Deletion " + customer.id()
                + " cannot be purged: Contact 12, held by deletion d-earlier, references its Customer through Contact.customer_id."
                + " Purge or restore deletion d-earlier first"))), report);
        assertEquals(before, hostTables(db));
    }

    @Test
    void aLiveReferenceIntoThePurgedRecordsRefusesThePurgeOrIsClearedWhenAsked(TestDatabase db) throws SQLException {
        db.execute("delete from contact where id = 12");
        Deletion customer = deleteAt(db, CLOCK, "Customer", 1);
        // Written behind the library's back: a live activity naming contact 10, which is in the bin.
        db.execute("insert into activity (id, customer_id, contact_id) values (41, 2, 10)");
        RecycleBin bin = new RecycleBin(MODEL, dialect(db), LATER);
        PurgeBlockedException refused = assertThrows(PurgeBlockedException.class, () -> bin.purge(db.dataSource(), customer.id(), ALICE));
        assertEquals("Deletion " + customer.id() + " cannot be purged: Activity 41, a live record, references its Contact through"
                + " Activity.contact_id. Change or delete that record first, or purge clearing outside references", refused.getMessage());
        assertEquals(List.of("contact_id=10, id=41"), db.rows("select contact_id, id from activity where id = 41"));

        inTransaction(db, (c, planner, ignored) -> {
            bin.purge(c, customer.id(), ALICE, OutsideReferences.CLEAR);
            return null;
        });
        assertEquals(List.of("contact_id=null, id=30", "contact_id=null, id=41"), db.rows("select contact_id, id from activity"));
        assertEquals(List.of("id=2"), db.rows("select id from customer"));
    }

    @Test
    void theReferencesLeftToTheDatabaseAreThoseARestrictForeignKeyEnforces(TestDatabase db) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            Set<String> enforced = new EnforcedReferences(MODEL).of(c);
            assertEquals(Set.of("Campaign.campaign_member", "Contact.customer_id", "Activity.customer_id", "Activity.contact_id",
                    "Contract.customer_id"), enforced);
        }
    }

    @Test
    void aReferenceNoForeignKeyEnforcesIsLookedForBeforeThePurge(TestDatabase db) throws SQLException {
        // A memo names its customer in a plain column, without a foreign key, under IGNORE: only the
        // purge's own check keeps the memo from pointing at nothing.
        db.execute("delete from contact where id = 12", "create table if not exists memo (id bigint primary key, tenant_id varchar(20),"
                + " customer_ref bigint)", "delete from memo", "insert into memo (id, tenant_id, customer_ref) values (90, 't1', 1)");
        LifecycleModel withMemos = crmModel()
                .type("Memo", t -> t.table("memo").id("id", IdType.LONG).nullable("customer_ref").tenantColumn("tenant_id"))
                .declaredReference("Memo", "customer_ref", "Customer", RuleSpec.of(DeleteRule.IGNORE))
                .build();
        Dialect dialect = dialect(db);
        Deletion customer;
        try (Connection c = db.dataSource().getConnection()) {
            var plan = new DeletePlanner(withMemos, dialect).plan(c, "Customer", List.of(1L), ALICE);
            customer = new RecycleBin(withMemos, dialect, CLOCK).delete(db.dataSource(), plan, ALICE, "memo");
        }
        RecycleBin bin = new RecycleBin(withMemos, dialect, LATER);
        PurgeBlockedException refused = assertThrows(PurgeBlockedException.class, () -> bin.purge(db.dataSource(), customer.id(), ALICE));
        assertEquals("Deletion " + customer.id() + " cannot be purged: Memo 90, a live record, references its Customer through"
                + " Memo.customer_ref. Change or delete that record first, or purge clearing outside references", refused.getMessage());
        assertEquals(List.of("id=1"), db.rows("select id from customer where id = 1"));
        db.execute("drop table memo");
    }

    @Test
    void aDeferredForeignKeyIsNotLeftToTheDatabase(TestDatabase db) throws SQLException {
        org.junit.jupiter.api.Assumptions.assumeTrue(db.dbms() == dev.datalifecycle.testkit.Dbms.POSTGRESQL,
                "only PostgreSQL has deferrable foreign keys");
        // Checked at commit, it would refuse only after the purge had returned: the purge checks first.
        db.execute("create table late_note (id bigint primary key, tenant_id varchar(20), customer_ref bigint,"
                + " constraint fk_late_note foreign key (customer_ref) references customer (id) deferrable initially deferred)");
        LifecycleModel withNotes = crmModel()
                .type("LateNote", t -> t.table("late_note").id("id", IdType.LONG).nullable("customer_ref").tenantColumn("tenant_id"))
                .reference("LateNote", "customer_ref", "Customer", RuleSpec.of(DeleteRule.IGNORE))
                .build();
        try (Connection c = db.dataSource().getConnection()) {
            Set<String> enforced = new EnforcedReferences(withNotes).of(c);
            assertTrue(enforced.contains("Contact.customer_id"), enforced::toString);
            assertTrue(!enforced.contains("LateNote.customer_ref"), enforced::toString);
        } finally {
            db.execute("drop table late_note");
        }
    }

    @Test
    void aForeignKeyThatRefusesThePurgeIsNamedLikeAnyOtherOutsideReference(TestDatabase db) throws SQLException {
        // The link table has explicit RESTRICT foreign keys on every database: the purge leaves the
        // check to the database, and names the record only once the DELETE is refused.
        db.execute("delete from contact where id = 12");
        Deletion customer = deleteAt(db, CLOCK, "Customer", 1);
        db.execute("insert into campaign_member (campaign_id, contact_id) values (70, 11)");
        List<String> before = hostTables(db);
        RecycleBin bin = new RecycleBin(MODEL, dialect(db), LATER);
        PurgeBlockedException refused = assertThrows(PurgeBlockedException.class, () -> bin.purge(db.dataSource(), customer.id(), ALICE));
        assertEquals("Deletion " + customer.id() + " cannot be purged: Campaign 70, a live record, references its Contact through"
                + " Campaign.campaign_member. Change or delete that record first, or purge clearing outside references", refused.getMessage());
        assertEquals(before, hostTables(db));
        assertEquals(List.of("state=IN_BIN"), db.rows("select state from lc_deletion"));
    }

    @Test
    void anOperationInATransactionOfItsOwnCommitsWhenItSucceedsAndLeavesNothingWhenItFails(TestDatabase db) throws SQLException {
        RecycleBin bin = new RecycleBin(MODEL, dialect(db), CLOCK);
        DeletePlan plan = plan(db, 1);
        Deletion deletion = bin.delete(db.dataSource(), plan, ALICE, "own transaction");
        assertEquals(List.of("state=IN_BIN"), db.rows("select state from lc_deletion"));
        List<String> before = everything(db);
        assertThrows(dev.datalifecycle.api.AlreadyDeletedException.class, () -> bin.delete(db.dataSource(), plan, ALICE, "again"));
        assertEquals(before, everything(db));
        bin.restore(db.dataSource(), deletion.id(), ALICE);
        assertEquals(List.of("state=RESTORED"), db.rows("select state from lc_deletion"));
    }

    @Test
    void anAuthorizerThatRefusesStopsEachOperationBeforeItChangesAnything(TestDatabase db) throws SQLException {
        Deletion deletion = deleteAt(db, CLOCK, "Customer", 1);
        List<String> asked = new ArrayList<>();
        Authorizer onlyAdmins = (actor, action, type) -> {
            asked.add(action + " " + type);
            if (!actor.roles().contains("admin")) {
                throw new AccessDeniedException(actor, action, type);
            }
        };
        DataLifecycle lifecycle = LifecycleJdbc.builder(db.dataSource(), MODEL).clock(LATER).authorizer(onlyAdmins).build();
        List<String> before = everything(db);
        AccessDeniedException denied = assertThrows(AccessDeniedException.class, () -> lifecycle.restore(deletion.id(), ALICE));
        assertEquals("Actor 'alice' may not restore Customer: ask for the permission, or have someone who has it do it", denied.getMessage());
        assertThrows(AccessDeniedException.class, () -> lifecycle.purge(deletion.id(), ALICE));
        assertThrows(AccessDeniedException.class, () -> lifecycle.purgeBin(BinPurge.everything(), ALICE));
        assertThrows(AccessDeniedException.class, () -> lifecycle.delete(plan(db, 2), ALICE, "no"));
        assertThrows(AccessDeniedException.class, () -> lifecycle.plan("Customer", 2L, ALICE));
        assertEquals(before, everything(db));
        assertEquals(List.of("RESTORE Customer", "PURGE Customer", "PURGE null", "DELETE Customer", "PLAN Customer"), asked);

        lifecycle.restore(deletion.id(), Actor.of("root", "t1", Set.of("admin")));
        assertTrue(db.rows("select deletion_id from customer where id = 1").contains("deletion_id=null"));
    }
}
