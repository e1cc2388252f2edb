package dev.datalifecycle.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.datalifecycle.api.Actor;
import dev.datalifecycle.api.AlreadyDeletedException;
import dev.datalifecycle.api.DeletePlan;
import dev.datalifecycle.api.InvalidRequestException;
import dev.datalifecycle.api.RecordNotFoundException;
import dev.datalifecycle.api.UnknownEntityTypeException;
import dev.datalifecycle.core.model.LifecycleModel;
import dev.datalifecycle.core.sql.Dialects;
import dev.datalifecycle.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The planner on the {@link CrmFixture}: exact plans, and nothing changed. */
abstract class DeletePlannerContract {

    private static final Actor ALICE = Actor.of("alice", "t1", Set.of("sales"));
    private static final Actor GRETA = Actor.of("greta", "t2", Set.of("sales"));
    private static final LifecycleModel MODEL = CrmFixture.model();

    @BeforeAll
    static void createSchemaAndData(TestDatabase db) {
        CrmFixture.createSchema(db);
        CrmFixture.insertData(db);
        // An account hierarchy 50 deep (1000 <- 1001 <- ... <- 1049) and a cycle 2000 <-> 2001.
        List<String> accounts = new ArrayList<>();
        accounts.add("insert into account (id, tenant_id, name, parent_id) values (1000, 't1', 'a1000', null)");
        for (long id = 1001; id < 1050; id++) {
            accounts.add("insert into account (id, tenant_id, name, parent_id) values (" + id + ", 't1', 'a" + id + "', " + (id - 1) + ")");
        }
        accounts.add("insert into account (id, tenant_id, name, parent_id) values (2000, 't1', 'loop-a', null)");
        accounts.add("insert into account (id, tenant_id, name, parent_id) values (2001, 't1', 'loop-b', 2000)");
        accounts.add("update account set parent_id = 2001 where id = 2000");
        db.execute(accounts.toArray(String[]::new));
    }

    private static DeletePlan plan(TestDatabase db, String type, List<?> ids, Actor actor) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            return new DeletePlanner(MODEL, Dialects.detect(c)).plan(c, type, ids, actor);
        }
    }

    private static List<String> lines(List<DeletePlan.Entry> entries) {
        return entries.stream().map(DeletePlan.Entry::toString).sorted().toList();
    }

    @Test
    void planCountsCascadesOnceDetachesAndBlockersWithoutChangingARow(TestDatabase db) throws SQLException {
        List<String> before = CrmFixture.everything(db);

        DeletePlan plan = plan(db, "Customer", List.of(1L), ALICE);

        assertEquals(List.of(
                "Activity: 2 [20, 21]",
                "Contact: 2 [10, 11]",
                "Contract: 1 [50]",
                "Customer: 1 [1]",
                "Note: 2 [40, 41]"), lines(plan.deleted()));
        assertEquals(List.of("Activity via Activity.contact_id: 1 [30]"), lines(plan.detached()));
        assertEquals(List.of(
                "Contract via Contract.customer_id: 2 [51, 52]",
                "Invoice via Invoice.customer_id: 1 [60]"), lines(plan.blockers()));
        assertTrue(plan.blocked());
        assertEquals(CrmFixture.everything(db), before);
    }

    @Test
    void planIsOneStatementForTheRootsOnePerTypeReachedAndOnePerBlockingOrDetachingDependency(TestDatabase db) throws SQLException {
        db.statements().reset();
        plan(db, "Customer", List.of(1L), ALICE);
        // roots + 5 types (Customer, Contact, Activity, Note, Contract) + Contract and Invoice blockers + Activity detach
        assertEquals(9, db.statements().count(), () -> String.join("\n", db.statements().statements()));
        db.statements().reset();
        plan(db, "Customer", List.of(2L), ALICE);
        assertEquals(9, db.statements().count());
    }

    @Test
    void aSelfReferencingHierarchyIsWalkedWholeByOneQueryAndDataCyclesEnd(TestDatabase db) throws SQLException {
        db.statements().reset();
        DeletePlan deep = plan(db, "Account", List.of(1000L), ALICE);
        assertEquals(1, deep.deleted().size());
        assertEquals(50, deep.deletedCount("Account"));
        assertEquals(LongStream.range(1000, 1010).boxed().toList(), deep.deleted().get(0).firstIds());
        assertEquals(2, db.statements().count(), "roots + one recursive query");

        DeletePlan middle = plan(db, "Account", List.of(1040L), ALICE);
        assertEquals(10, middle.deletedCount("Account"));

        DeletePlan loop = plan(db, "Account", List.of(2001L), ALICE);
        assertEquals(List.of("Account: 2 [2000, 2001]"), lines(loop.deleted()));
    }

    @Test
    void joinTableLinksBlockTheirTargetButGoWithTheirOwner(TestDatabase db) throws SQLException {
        DeletePlan vip = plan(db, "Tag", List.of(CrmFixture.TAG_VIP), ALICE);
        assertEquals(List.of("Tag: 1 [" + CrmFixture.TAG_VIP + "]"), lines(vip.deleted()));
        assertEquals(List.of("Customer via Customer.customer_tag: 2 [1, 2]"), lines(vip.blockers()));
        assertEquals(UUID.fromString(CrmFixture.TAG_VIP), vip.rootIds().get(0));

        DeletePlan old = plan(db, "Tag", List.of(UUID.fromString(CrmFixture.TAG_OLD)), ALICE);
        assertFalse(old.blocked());
    }

    @Test
    void stringIdsAndGlobalTypesPlanWithBlockersFromTheActorsTenantOnly(TestDatabase db) throws SQLException {
        DeletePlan eu = plan(db, "Region", List.of("EU"), ALICE);
        assertEquals(List.of("Customer via Customer.region_code: 2 [1, 2]"), lines(eu.blockers()));
        DeletePlan us = plan(db, "Region", List.of("US"), ALICE);
        assertFalse(us.blocked(), () -> us + " customer 3 is tenant t2's: t1 neither sees nor is blocked by it");
    }

    @Test
    void anotherTenantsRecordAnswersLikeAMissingOne(TestDatabase db) throws SQLException {
        RecordNotFoundException foreign = assertThrows(RecordNotFoundException.class, () -> plan(db, "Customer", List.of(3L), ALICE));
        RecordNotFoundException missing = assertThrows(RecordNotFoundException.class, () -> plan(db, "Customer", List.of(99L), ALICE));
        assertEquals("No Customer with id 3 exists", foreign.getMessage());
        assertEquals("No Customer with id 99 exists", missing.getMessage());
        assertEquals(List.of("Contact: 1 [13]", "Customer: 1 [3]"), lines(plan(db, "Customer", List.of(3L), GRETA).deleted()));
    }

    @Test
    void badInputGetsASpecificException(TestDatabase db) {
        AlreadyDeletedException deleted = assertThrows(AlreadyDeletedException.class, () -> plan(db, "Contact", List.of(12L), ALICE));
        assertEquals("Contact 12 is already deleted: restore it from the recycle bin, or leave it out", deleted.getMessage());
        UnknownEntityTypeException unknown = assertThrows(UnknownEntityTypeException.class, () -> plan(db, "Lead", List.of(1L), ALICE));
        assertTrue(unknown.getMessage().startsWith("Unknown entity type 'Lead': the model knows [Region, Account, Customer"), unknown.getMessage());
        InvalidRequestException badId = assertThrows(InvalidRequestException.class, () -> plan(db, "Customer", List.of("one"), ALICE));
        assertEquals("'one' (String) is not a LONG id", badId.getMessage());
        assertThrows(InvalidRequestException.class, () -> plan(db, "Customer", List.of(), ALICE));
        assertThrows(InvalidRequestException.class, () -> plan(db, "Customer", List.of(1L), Actor.of("root", Set.of())));
    }

    @Test
    void theFingerprintChangesWhenWhatTheDeleteTouchesChanges(TestDatabase db) throws SQLException {
        DeletePlan first = plan(db, "Customer", List.of(1L), ALICE);
        assertEquals(first.fingerprint(), plan(db, "Customer", List.of(1L), ALICE).fingerprint());
        db.execute("insert into contract (id, tenant_id, customer_id, status) values (59, 't1', 1, 'OPEN')");
        try {
            DeletePlan after = plan(db, "Customer", List.of(1L), ALICE);
            assertNotEquals(first.fingerprint(), after.fingerprint());
            assertEquals(List.of(
                    "Contract via Contract.customer_id: 3 [51, 52, 59]",
                    "Invoice via Invoice.customer_id: 1 [60]"), lines(after.blockers()));
        } finally {
            db.execute("delete from contract where id = 59");
        }
        db.execute("update contract set status = 'OPEN' where id = 50");
        try {
            DeletePlan reopened = plan(db, "Customer", List.of(1L), ALICE);
            assertNotEquals(first.fingerprint(), reopened.fingerprint());
            assertEquals(0, reopened.deletedCount("Contract"));
        } finally {
            db.execute("update contract set status = 'CLOSED' where id = 50");
        }
        assertEquals(first.fingerprint(), plan(db, "Customer", List.of(1L), ALICE).fingerprint());
    }

    @Test
    void theDeletedRecordsArePagedByKeyset(TestDatabase db) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            DeletePlanner planner = new DeletePlanner(MODEL, Dialects.detect(c), 3);
            DeletePlan plan = planner.plan(c, "Account", List.of(1000L), ALICE);
            assertEquals(List.of(1000L, 1001L, 1002L), plan.deleted().get(0).firstIds());
            List<Object> all = new ArrayList<>();
            Object after = null;
            List<Object> page;
            while (!(page = planner.deletedIds(c, plan, "Account", after, 16, ALICE)).isEmpty()) {
                all.addAll(page);
                after = page.get(page.size() - 1);
            }
            assertEquals(LongStream.range(1000, 1050).boxed().toList(), all);
        }
    }
}
