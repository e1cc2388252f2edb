package dev.datalifecycle.jpa.reads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.datalifecycle.api.Actor;
import dev.datalifecycle.api.DeletePlan;
import dev.datalifecycle.api.DeleteRule;
import dev.datalifecycle.api.Deletion;
import dev.datalifecycle.api.LifecycleException;
import dev.datalifecycle.jpa.DataLifecycle;
import dev.datalifecycle.jpa.LifecycleJpa;
import dev.datalifecycle.jpa.TestFactories;
import dev.datalifecycle.jpa.reads.ReadEntities.Contact;
import dev.datalifecycle.jpa.reads.ReadEntities.Customer;
import dev.datalifecycle.jpa.reads.ReadEntities.Note;
import dev.datalifecycle.jpa.reads.ReadEntities.Phone;
import dev.datalifecycle.testkit.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The entry point plans, deletes, restores and purges in a transaction of its own or in the host's,
 * and Hibernate forgets what it changed: rows and what Hibernate returns are asserted.
 */
abstract class DataLifecycleContract {

    private static final Actor ALICE = Actor.of("alice", Set.of());
    private static EntityManagerFactory emf;
    private static DataLifecycle lifecycle;

    @BeforeAll
    static void boot(TestDatabase db) {
        emf = TestFactories.boot(db, "entry-point", ReadEntities.ALL, LifecycleJpa.configure()
                .rule("Contact", "customer", DeleteRule.CASCADE)
                .rule("Phone", "contact", DeleteRule.CASCADE)
                .rule("Note", "customer", DeleteRule.DETACH)
                .rule("Person", "employer", DeleteRule.DETACH)
                .rule("Truck", "owner", DeleteRule.DETACH)
                .label("Contact", "name")
                .toProperties());
        TestFactories.installBin(db, emf);
        lifecycle = LifecycleJpa.builder(emf).build();
    }

    @AfterAll
    static void close() {
        TestFactories.close(emf);
    }

    @BeforeEach
    void records(TestDatabase db) {
        TestFactories.emptyBin(db);
        ReadEntities.deleteAll(db);
        emf.runInTransaction(em -> {
            Customer acme = new Customer(1L, "Acme");
            em.persist(acme);
            em.persist(new Customer(2L, "Globex"));
            Contact ann = new Contact(10L, "Ann", acme);
            em.persist(ann);
            em.persist(new Phone(100L, "555-0100", ann));
            em.persist(new Note(500L, "met at fair", acme));
        });
    }

    @Test
    void deleteAndRestoreInTransactionsOfTheirOwn(TestDatabase db) {
        DeletePlan plan = lifecycle.plan(Customer.class, 1L, ALICE);
        Deletion deletion = lifecycle.delete(plan, ALICE, "duplicate");
        assertEquals(List.of("deletion_id=" + deletion.id() + ", id=10"), db.rows("select deletion_id, id from r_contact"));
        assertEquals(List.of("customer_id=null, id=500"), db.rows("select customer_id, id from r_note"));
        assertNull(emf.callInTransaction(em -> em.find(Customer.class, 1L)));

        lifecycle.restore(deletion.id(), ALICE);
        assertEquals(List.of("deletion_id=null, id=10"), db.rows("select deletion_id, id from r_contact"));
        assertEquals(List.of("customer_id=1, id=500"), db.rows("select customer_id, id from r_note"));
        assertEquals("Acme", emf.callInTransaction(em -> em.find(Customer.class, 1L).name));
    }

    @Test
    void inTheHostsTransactionThePlanSeesPendingChangesAndARollbackUndoesTheDelete(TestDatabase db) {
        try (EntityManager em = emf.createEntityManager()) {
            em.getTransaction().begin();
            em.persist(new Contact(11L, "Bob", em.find(Customer.class, 1L)));
            DeletePlan plan = lifecycle.with(em).plan(Customer.class, 1L, ALICE);
            assertEquals(2L, plan.deleted().stream().filter(e -> e.type().equals("Contact")).mapToLong(DeletePlan.Entry::count).sum());
            lifecycle.with(em).delete(plan, ALICE, "duplicate");
            assertNull(em.find(Contact.class, 11L));
            em.getTransaction().rollback();
        }
        assertEquals(List.of("deletion_id=null, id=10"), db.rows("select deletion_id, id from r_contact"));
        assertEquals(List.of("customer_id=1, id=500"), db.rows("select customer_id, id from r_note"));
        assertEquals(List.of(), db.rows("select id from lc_deletion"));
    }

    @Test
    void theDeletedRecordsLeaveTheHostsEntityManagerAndLiveOnesStay(TestDatabase db) {
        try (EntityManager em = emf.createEntityManager()) {
            em.getTransaction().begin();
            Contact ann = em.find(Contact.class, 10L);
            Customer acme = em.find(Customer.class, 1L);
            Customer globex = em.find(Customer.class, 2L);
            lifecycle.with(em).delete(lifecycle.with(em).plan(Customer.class, 1L, ALICE), ALICE, "duplicate");
            assertFalse(em.contains(ann));
            assertFalse(em.contains(acme));
            assertTrue(em.contains(globex));
            assertNull(em.find(Contact.class, 10L));
            em.getTransaction().commit();
        }
        assertEquals(List.of("n=1"), db.rows("select count(*) as n from r_customer where id = 1 and deletion_id is not null"));
    }

    /**
     * A record whose reference the delete cleared leaves the session too: kept, its next full-column
     * UPDATE would write the old reference back under the deleted customer.
     */
    @Test
    void aRecordWhoseReferenceWasClearedIsNotWrittenBackWithTheOldReference(TestDatabase db) {
        try (EntityManager em = emf.createEntityManager()) {
            em.getTransaction().begin();
            Note note = em.find(Note.class, 500L);
            lifecycle.with(em).delete(lifecycle.with(em).plan(Customer.class, 1L, ALICE), ALICE, "duplicate");
            assertFalse(em.contains(note));
            note.text = "changed after the delete";
            Note fresh = em.find(Note.class, 500L);
            assertNull(fresh.customer);
            fresh.text = "edited";
            em.getTransaction().commit();
        }
        assertEquals(List.of("customer_id=null, text=edited"), db.rows("select customer_id, text from r_note"));
    }

    @Test
    void aPurgeThroughTheEntryPointLeavesOnlyTheTombstone(TestDatabase db) {
        Deletion deletion = lifecycle.delete(lifecycle.plan(Customer.class, 1L, ALICE), ALICE, "duplicate");
        lifecycle.purge(deletion.id(), ALICE);
        assertEquals(List.of("id=2"), db.rows("select id from r_customer"));
        assertEquals(List.of(), db.rows("select id from r_contact"));
        assertEquals(List.of("state=PURGED"), db.rows("select state from lc_deletion"));
    }

    @Test
    void theBinListsTheDeletionWithItsLabelAndItsRecords() {
        Deletion deletion = lifecycle.delete(lifecycle.plan(Customer.class, 1L, ALICE), ALICE, "duplicate");
        var page = lifecycle.list(dev.datalifecycle.api.BinQuery.forActor(ALICE).type("Customer"));
        assertEquals(List.of("Acme"), page.entries().stream().map(dev.datalifecycle.api.BinEntry::label).toList());
        assertEquals(1L, page.entries().get(0).counts().get("Contact"));
        assertEquals(List.of(new dev.datalifecycle.api.BinMember("Contact", 10L, "Ann")),
                lifecycle.members(deletion.id(), ALICE, "Contact", 10, null).entries());
    }

    @Test
    void aBatchDeleteReportsEachRecordAndHibernateForgetsWhatItDeleted(TestDatabase db) {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            Contact ann = em.find(Contact.class, 10L);
            var report = lifecycle.with(em).deleteBatch(dev.datalifecycle.core.bin.Batch.of("Customer", List.of(1L, 2L, 99L)), ALICE, "cleanup");
            assertEquals(List.of(dev.datalifecycle.api.BatchOutcome.Result.DELETED, dev.datalifecycle.api.BatchOutcome.Result.DELETED,
                    dev.datalifecycle.api.BatchOutcome.Result.NOT_FOUND), report.outcomes().stream().map(o -> o.result()).toList());
            assertFalse(em.contains(ann));
            // All or nothing inside the host's transaction: refused because of 99, and the host's work stays.
            em.persist(new Customer(3L, "Initech"));
            var refused = lifecycle.with(em).deleteBatch(dev.datalifecycle.core.bin.Batch.of("Customer", List.of(3L, 99L)).allOrNothing(),
                    ALICE, "cleanup");
            assertEquals(dev.datalifecycle.api.BatchOutcome.Result.NOT_DELETED, refused.outcomes().get(0).result());
            em.getTransaction().commit();
        } finally {
            // A failed assertion must not leave its locks to the next test.
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
        assertEquals(List.of("n=1"), db.rows("select count(*) as n from r_customer where deletion_id is null"));
        assertEquals(List.of("n=1"), db.rows("select count(*) as n from lc_deletion"));
    }

    @Test
    void anEntityManagerWithoutATransactionIsRefused() {
        try (EntityManager em = emf.createEntityManager()) {
            LifecycleException e = assertThrows(LifecycleException.class, () -> lifecycle.with(em).plan(Customer.class, 1L, ALICE));
            assertTrue(e.getMessage().contains("no active transaction"), e::getMessage);
        }
        assertNotNull(lifecycle.model().type("Customer"));
    }
}
