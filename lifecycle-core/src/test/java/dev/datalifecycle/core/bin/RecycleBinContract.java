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
 * Delete into the recycle bin and restore from it: what is marked, detached and recorded, what comes
 * back, and what is refused unchanged.
 */
abstract class RecycleBinContract extends CrmBinContract {

    @Test
    void deleteMarksTheCascadeSetDetachesAndRecordsTheDeletion(TestDatabase db) throws SQLException {
        DeletePlan plan = plan(db, 1);
        Deletion deletion = inTransaction(db, (c, planner, bin) -> bin.delete(c, plan, ALICE, "duplicate"));
        String id = deletion.id().toString();

        assertEquals(Map.of("Customer", 1L, "Contact", 2L, "Activity", 1L, "Contract", 1L), deletion.counts());
        assertEquals(Map.of("Activity.contact_id", 1L, "Campaign.campaign_member", 2L), deletion.detached());
        assertEquals(Instant.parse("2026-12-24T10:00:00Z"), deletion.expiresAt());
        assertEquals(List.of("id=1, d=" + id), db.rows("select id, deletion_id as d from customer where deletion_id is not null"));
        assertEquals(List.of("id=10, d=" + id, "id=11, d=" + id, "id=12, d=d-earlier"),
                db.rows("select id, deletion_id as d from contact where deletion_id is not null"));
        assertEquals(List.of("id=20, d=" + id), db.rows("select id, deletion_id as d from activity where deletion_id is not null"));
        assertEquals(List.of("contact_id=null, id=30"), db.rows("select contact_id, id from activity where id = 30"));
        assertEquals(List.of("id=50, d=" + id), db.rows("select id, deletion_id as d from contract where deletion_id is not null"));
        assertEquals(List.of("dependency=Activity.contact_id, record_id=30, old_value=10",
                "dependency=Campaign.campaign_member, record_id=70, old_value=10",
                "dependency=Campaign.campaign_member, record_id=70, old_value=11"),
                db.rows("select dependency, record_id, old_value from lc_detached_link"));
        assertEquals(List.of(), db.rows("select contact_id from campaign_member"), "the links of the deleted contacts are kept aside");
        assertEquals(List.of("actor_id=alice, reason=duplicate, root_type=Customer, state=IN_BIN, tenant_id=t1"),
                db.rows("select actor_id, reason, root_type, state, tenant_id from lc_deletion"));
        assertEquals(List.of("entity_type=Activity, records=1", "entity_type=Contact, records=2", "entity_type=Contract, records=1",
                "entity_type=Customer, records=1"), db.rows("select entity_type, records from lc_deletion_count"));
        // Nothing cascades into Customer: the deletion's customers are its roots, so none are written again (decision 012).
        assertEquals(List.of(), db.rows("select entity_type, record_id from lc_deletion_root"));
    }

    @Test
    void theMarkedRowsCarryTheDeletionsTimeAsBindingItWouldWriteIt(TestDatabase db) throws SQLException {
        Clock clock = Clock.fixed(Instant.parse("2026-11-24T10:00:00.250Z"), ZoneOffset.UTC);
        DeletePlan plan = plan(db, 1);
        Deletion deletion;
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            deletion = new RecycleBin(MODEL, Dialects.detect(c), clock).delete(c, plan, ALICE, "duplicate");
            // The same time bound into a record the deletion left alone, on the same connection.
            try (java.sql.PreparedStatement bound = c.prepareStatement("update customer set deleted_at = ? where id = 2")) {
                bound.setTimestamp(1, java.sql.Timestamp.from(clock.instant()));
                bound.executeUpdate();
            }
            c.commit();
        }
        assertEquals(clock.instant(), deletion.deletedAt());
        String sameTime = " where deletion_id = '" + deletion.id() + "' and deleted_at = (select deleted_at from customer where id = 2)";
        assertEquals(List.of("activity 20", "contact 10", "contact 11", "contract 50", "customer 1"),
                db.rows("select concat('customer ', id) as r from customer" + sameTime + " union all select concat('contact ', id) from contact"
                        + sameTime + " union all select concat('activity ', id) from activity" + sameTime
                        + " union all select concat('contract ', id) from contract" + sameTime).stream().map(r -> r.substring(r.indexOf('=') + 1)).toList());
    }

    @Test
    void aBlockedPlanIsRefusedAndNothingChanges(TestDatabase db) throws SQLException {
        DeletePlan plan = plan(db, 2);
        List<String> before = everything(db);
        DeleteBlockedException e = assertThrows(DeleteBlockedException.class,
                () -> inTransaction(db, (c, planner, bin) -> bin.delete(c, plan, ALICE, "cleanup")));
        assertEquals("[Contract via Contract.customer_id: 1 [53]]", e.blockers().toString());
        assertEquals(before, everything(db));
    }

    @Test
    void aRecordAddedSincePlanningMakesThePlanStaleAndNothingChanges(TestDatabase db) throws SQLException {
        DeletePlan plan = plan(db, 1);
        db.execute("insert into contact (id, customer_id) values (13, 1)");
        List<String> before = everything(db);
        assertThrows(StalePlanException.class, () -> inTransaction(db, (c, planner, bin) -> bin.delete(c, plan, ALICE, "duplicate")));
        assertEquals(before, everything(db));
        // In a transaction of its own the delete takes no savepoint: the marking it did is rolled back with the transaction.
        RecycleBin bin = new RecycleBin(MODEL, dialect(db), CLOCK);
        assertThrows(StalePlanException.class, () -> bin.delete(db.dataSource(), plan, ALICE, "duplicate"));
        assertEquals(before, everything(db));
    }

    @Test
    void aRecordSwappedForAnotherSincePlanningMakesThePlanStaleThoughTheCountsAreTheSame(TestDatabase db) throws SQLException {
        DeletePlan plan = plan(db, 1);
        // Contact 11 moves to the other customer and contact 13 takes its place: two contacts still go,
        // but not the two the plan showed. Only the hash of the marked ids can tell.
        db.execute("update activity set contact_id = null where contact_id = 11", "update contact set customer_id = 2 where id = 11",
                "insert into contact (id, customer_id) values (13, 1)");
        List<String> before = everything(db);
        assertThrows(StalePlanException.class, () -> inTransaction(db, (c, planner, bin) -> bin.delete(c, plan, ALICE, "duplicate")));
        assertEquals(before, everything(db));
        DeletePlan again = plan(db, 1);
        for (String type : List.of("Customer", "Contact", "Activity", "Contract")) {
            assertEquals(plan.deletedCount(type), again.deletedCount(type), "the counts alone do not show the change: " + type);
        }
        inTransaction(db, (c, planner, bin) -> bin.delete(c, again, ALICE, "duplicate"));
        assertEquals(List.of("id=10", "id=13"), db.rows("select id from contact where deletion_id is not null and deletion_id <> 'd-earlier'"));
    }

    @Test
    void aBlockerAddedSincePlanningIsFoundByALockingReadAndNothingChanges(TestDatabase db) throws SQLException {
        DeletePlan plan = plan(db, 1);
        db.execute("insert into contract (id, customer_id, status) values (59, 1, 'OPEN')");
        List<String> before = everything(db);
        DeleteBlockedException e = assertThrows(DeleteBlockedException.class,
                () -> inTransaction(db, (c, planner, bin) -> bin.delete(c, plan, ALICE, "duplicate")));
        assertEquals("[Contract via Contract.customer_id: 1 [59]]", e.blockers().toString());
        assertEquals(before, everything(db));
    }

    @Test
    void aRootGoneSincePlanningOrInAnotherTenantIsNotFoundAndNothingChanges(TestDatabase db) throws SQLException {
        db.execute("insert into customer (id, tenant_id, name) values (5, 't1', 'Initech')");
        DeletePlan plan = plan(db, 5);
        db.execute("delete from customer where id = 5");
        List<String> before = everything(db);
        dev.datalifecycle.api.RecordNotFoundException gone = assertThrows(dev.datalifecycle.api.RecordNotFoundException.class,
                () -> inTransaction(db, (c, planner, bin) -> bin.delete(c, plan, ALICE, "gone")));
        assertEquals(List.of(5L), gone.ids());
        assertEquals(before, everything(db));

        DeletePlan northwind = plan(db, 1);
        Actor greta = Actor.of("greta", "t2", Set.of());
        assertThrows(dev.datalifecycle.api.RecordNotFoundException.class,
                () -> inTransaction(db, (c, planner, bin) -> bin.delete(c, northwind, greta, "not hers")));
        assertEquals(before, everything(db));
    }

    @Test
    void deletingAgainIsRefused(TestDatabase db) throws SQLException {
        DeletePlan plan = plan(db, 1);
        inTransaction(db, (c, planner, bin) -> bin.delete(c, plan, ALICE, "first"));
        assertThrows(AlreadyDeletedException.class, () -> inTransaction(db, (c, planner, bin) -> bin.delete(c, plan, ALICE, "again")));
    }

    @Test
    void theStatementsOfDeleteRestoreAndPurgeDoNotGrowWithTheRecords(TestDatabase db) throws SQLException {
        db.execute("delete from contact where id = 12");
        long[] small = deleteRestoreDeletePurge(db, 1);

        List<String> more = new ArrayList<>();
        more.add("insert into customer (id, tenant_id, name) values (3, 't1', 'Globex')");
        for (int i = 0; i < 300; i++) {
            more.add("insert into contact (id, customer_id) values (" + (1000 + i) + ", 3)");
            more.add("insert into activity (id, customer_id, contact_id) values (" + (5000 + i) + ", 3, " + (1000 + i) + ")");
            more.add("insert into campaign_member (campaign_id, contact_id) values (70, " + (1000 + i) + ")");
        }
        more.add("insert into activity (id, customer_id, contact_id) values (9000, 2, 1000)");
        more.add("insert into contract (id, customer_id, status) values (9001, 3, 'CLOSED')");
        db.execute(more.toArray(String[]::new));
        long[] large = deleteRestoreDeletePurge(db, 3);
        assertEquals(java.util.Arrays.toString(small), java.util.Arrays.toString(large), "delete, restore, purge");
    }

    /** Statements of a delete, its restore, and a purge of a second delete of the same customer. */
    private static long[] deleteRestoreDeletePurge(TestDatabase db, long customer) throws SQLException {
        long[] counts = new long[3];
        DeletePlan plan = plan(db, customer);
        db.statements().reset();
        Deletion first = inTransaction(db, (c, planner, bin) -> bin.delete(c, plan, ALICE, "count"));
        counts[0] = db.statements().count();
        db.statements().reset();
        restore(db, first, ALICE);
        counts[1] = db.statements().count();
        Deletion second = delete(db, "Customer", customer, ALICE);
        db.statements().reset();
        purge(db, second, ALICE);
        counts[2] = db.statements().count();
        return counts;
    }

    @Test
    void restoreAfterDeleteLeavesEveryTableAsItWasAndLaterRestoresAreRefused(TestDatabase db) throws SQLException {
        List<String> before = hostTables(db);
        Deletion deletion = delete(db, "Customer", 1, ALICE);
        restore(db, deletion, ALICE);
        assertEquals(before, hostTables(db));
        assertEquals(List.of("state=RESTORED"), db.rows("select state from lc_deletion"));
        dev.datalifecycle.api.NotInBinException again = assertThrows(dev.datalifecycle.api.NotInBinException.class,
                () -> restore(db, deletion, ALICE));
        assertEquals("Deletion " + deletion.id() + " is already restored: its records are live; nothing to restore", again.getMessage());
    }

    @Test
    void restoreAddsDetachedLinksBackOnceAndSkipsOwnersThatAreGone(TestDatabase db) throws SQLException {
        db.execute("insert into campaign (id, tenant_id) values (71, 't1')", "insert into campaign_member (campaign_id, contact_id) values (71, 10)");
        Deletion deletion = delete(db, "Customer", 1, ALICE);
        assertEquals(3L, deletion.detached().get("Campaign.campaign_member"));
        // Since the delete: one link was added again by hand, and campaign 71 was dropped.
        db.execute("insert into campaign_member (campaign_id, contact_id) values (70, 11)", "delete from campaign where id = 71");
        restore(db, deletion, ALICE);
        assertEquals(List.of("campaign_id=70, contact_id=10", "campaign_id=70, contact_id=11"),
                db.rows("select campaign_id, contact_id from campaign_member"));
    }

    @Test
    void anotherTenantsDeletionAnswersLikeAMissingOne(TestDatabase db) throws SQLException {
        Deletion deletion = delete(db, "Customer", 1, ALICE);
        assertThrows(dev.datalifecycle.api.RecordNotFoundException.class, () -> restore(db, deletion, Actor.of("greta", "t2", Set.of())));
    }

    @Test
    void aRecordWhoseParentAnotherDeletionHoldsIsRestoredWithItOnlyWhenAsked(TestDatabase db) throws SQLException {
        Deletion contact = delete(db, "Contact", 10, ALICE);
        Deletion customer = delete(db, "Customer", 1, ALICE);
        List<String> before = hostTables(db);
        dev.datalifecycle.api.RestoreDependsOnDeletionException e = assertThrows(
                dev.datalifecycle.api.RestoreDependsOnDeletionException.class, () -> restore(db, contact, ALICE));
        assertEquals(customer.id(), e.other());
        assertEquals("Deletion " + contact.id() + " cannot be restored alone: Contact 10 (Contact.customer_id) references Customer 1,"
                + " which deletion " + customer.id() + " holds. Restore " + customer.id() + " first", e.getMessage());
        assertEquals(before, hostTables(db));
        inTransaction(db, (c, planner, bin) -> {
            bin.restore(c, contact.id(), ALICE, true);
            return null;
        });
        assertEquals(List.of("state=RESTORED", "state=RESTORED"), db.rows("select state from lc_deletion"));
        assertEquals(List.of("contact_id=10, id=30"), db.rows("select contact_id, id from activity where id = 30"));
    }

    @Test
    void aRecordReachedByAnotherPathNeedsTheRecordOfTheRootTypeItReferencesOutsideTheDeletion(TestDatabase db) throws SQLException {
        // Activities also go with their contact: activity 30, of customer 2, goes with contact 10 when customer 1 goes.
        LifecycleModel twoPaths = withActivitiesGoingWithTheirContact();
        Deletion first = deleteWith(db, twoPaths, 1);
        assertEquals(List.of("id=20", "id=30"), db.rows("select id from activity where deletion_id = '" + first.id() + "'"));
        Deletion second = deleteWith(db, twoPaths, 2);
        List<String> before = hostTables(db);
        dev.datalifecycle.api.RestoreDependsOnDeletionException e = assertThrows(dev.datalifecycle.api.RestoreDependsOnDeletionException.class,
                () -> new RecycleBin(twoPaths, dialect(db), CLOCK).restore(db.dataSource(), first.id(), ALICE));
        assertEquals("Deletion " + first.id() + " cannot be restored alone: Activity 30 (Activity.customer_id) references Customer 2,"
                + " which deletion " + second.id() + " holds. Restore " + second.id() + " first", e.getMessage());
        assertEquals(before, hostTables(db));
    }

    @Test
    void aRestoreLocksTheLiveRecordsOutsideItThatItsRecordsReferenceAndRestoresItsTablesInOneStatementWhereItCan(TestDatabase db)
            throws SQLException {
        // Contact 10 goes alone (its activities are detached from it): it references Customer 1, which stays live.
        List<String> before = hostTables(db);
        Deletion contact = delete(db, "Contact", 10, ALICE);
        db.statements().reset();
        restore(db, contact, ALICE);
        List<String> statements = db.statements().statements();
        assertEquals(before, hostTables(db));
        long inOne = statements.stream().filter(s -> s.startsWith("WITH lc_u0 AS (UPDATE")).count();
        long tableByTable = statements.stream().filter(s -> s.startsWith("UPDATE ") && s.contains(" = NULL") && !s.contains("lc_")).count();
        Dialect dialect = dialect(db);
        boolean together = dialect.restoresInOneStatement();
        assertEquals(together ? List.of(1L, 0L) : List.of(0L, 1L), List.of(inOne, tableByTable), () -> String.join("\n", statements));
        // Customer 1 is outside the deletion: it is read with a lock (a delete of it waits, see the races).
        assertEquals(1, statements.stream().filter(s -> s.contains(" FROM customer t ") && s.endsWith(dialect.sharedLockClause()))
                .count(), () -> String.join("\n", statements));
    }

    @Test
    void aClearedReferenceSetSinceIsAConflictAndNothingChanges(TestDatabase db) throws SQLException {
        Deletion deletion = delete(db, "Customer", 1, ALICE);
        db.execute("insert into contact (id, customer_id) values (14, 2)", "update activity set contact_id = 14 where id = 30");
        List<String> before = hostTables(db);
        dev.datalifecycle.api.RestoreConflictException e = assertThrows(dev.datalifecycle.api.RestoreConflictException.class,
                () -> restore(db, deletion, ALICE));
        assertEquals("Deletion " + deletion.id() + " cannot be restored: it cleared Activity.contact_id of Activity 30 (was 10),"
                + " which now holds 14. Clear it or leave it as it is and restore without the link", e.getMessage());
        assertEquals(before, hostTables(db));
    }

    @Test
    void aUniqueKeyALiveRecordTookSinceIsAConflictNamingBothRecords(TestDatabase db) throws SQLException {
        Deletion deletion = delete(db, "Customer", 1, ALICE);
        db.execute("insert into customer (id, tenant_id, name) values (4, 't1', 'Northwind')");
        List<String> before = hostTables(db);
        dev.datalifecycle.api.RestoreConflictException e = assertThrows(dev.datalifecycle.api.RestoreConflictException.class,
                () -> restore(db, deletion, ALICE));
        assertEquals("Deletion " + deletion.id() + " cannot be restored: Customer 1 would take unique key customer_name [name],"
                + " which live Customer 4 holds now. Change or delete one of them first", e.getMessage());
        assertEquals(before, hostTables(db));
    }

    @Test
    void aRecordAnotherDeletionHoldsThatReferencesThePurgedOnesBlocksThePurge(TestDatabase db) throws SQLException {
        Deletion deletion = delete(db, "Customer", 1, ALICE);
        List<String> before = hostTables(db);
        dev.datalifecycle.api.PurgeBlockedException e = assertThrows(dev.datalifecycle.api.PurgeBlockedException.class,
                () -> purge(db, deletion, ALICE));
        assertEquals("Deletion " + deletion.id() + " cannot be purged: Contact 12, held by deletion d-earlier, references its Customer"
                + " through Contact.customer_id. Purge or restore deletion d-earlier first", e.getMessage());
        assertEquals(before, hostTables(db));
    }

    @Test
    void purgeDeletesTheRecordsChildrenFirstAndLeavesATombstone(TestDatabase db) throws SQLException {
        db.execute("delete from contact where id = 12");
        Deletion deletion = delete(db, "Customer", 1, ALICE);
        db.statements().reset();
        purge(db, deletion, ALICE);
        assertEquals(List.of("id=2"), db.rows("select id from customer"));
        assertEquals(List.of(), db.rows("select id from contact"));
        assertEquals(List.of("contact_id=null, id=30"), db.rows("select contact_id, id from activity"));
        assertEquals(List.of("id=53"), db.rows("select id from contract"));
        assertEquals(List.of("state=PURGED, label=null"), db.rows("select state, label from lc_deletion"));
        assertEquals(List.of("customer_id=2, tag=new"), db.rows("select customer_id, tag from customer_tag"), "the tags went with their customer");
        assertEquals(4, db.rows("select entity_type from lc_deletion_count").size(), "counts stay with the tombstone");
        assertEquals(List.of(), db.rows("select record_id from lc_detached_link"));
        assertThrows(dev.datalifecycle.api.NotInBinException.class, () -> restore(db, deletion, ALICE));
        dev.datalifecycle.api.NotInBinException again = assertThrows(dev.datalifecycle.api.NotInBinException.class,
                () -> purge(db, deletion, ALICE));
        assertEquals("Deletion " + deletion.id() + " is purged: its records are gone for good; nothing to purge", again.getMessage());
    }

    @Test
    void purgingAHierarchyClearsItsSelfReferencesFirst(TestDatabase db) throws SQLException {
        // Contacts name a manager among themselves; MariaDB and H2 check foreign keys row by row.
        db.execute("delete from contact where id = 12",
                "update contact set manager_id = 11 where id = 10", "update contact set manager_id = 10 where id = 11");
        LifecycleModel withManagers = withManagers();
        db.execute("delete from activity", "delete from contract", "delete from campaign_member", "delete from customer_tag");
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            Dialect dialect = Dialects.detect(c);
            RecycleBin bin = new RecycleBin(withManagers, dialect, CLOCK);
            Deletion deletion = bin.delete(c, new DeletePlanner(withManagers, dialect).plan(c, "Customer", List.of(1L), ALICE), ALICE, "x");
            bin.purge(c, deletion.id(), ALICE);
            c.commit();
        }
        assertEquals(List.of(), db.rows("select id from contact"));
    }

    /** Customer {@code id} deleted into the bin under {@code model}, planned first, in a transaction of its own. */
    private static Deletion deleteWith(TestDatabase db, LifecycleModel model, long id) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            Dialect dialect = Dialects.detect(c);
            Deletion deletion = new RecycleBin(model, dialect, CLOCK)
                    .delete(c, new DeletePlanner(model, dialect).plan(c, "Customer", List.of(id), ALICE), ALICE, "test");
            c.commit();
            return deletion;
        }
    }

    /** Deletes in a transaction of its own; returns the refusal instead of throwing it. */
}
