package dev.datalifecycle.jpa.reads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.datalifecycle.api.Actor;
import dev.datalifecycle.api.Batch;
import dev.datalifecycle.api.DeletePlan;
import dev.datalifecycle.api.DeleteRule;
import dev.datalifecycle.api.Deletion;
import dev.datalifecycle.api.DataLifecycle;
import dev.datalifecycle.api.DatabaseException;
import dev.datalifecycle.api.InvalidRequestException;
import dev.datalifecycle.api.PurgeReport;
import dev.datalifecycle.api.RestoreReport;
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
import java.util.Map;
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
            DataLifecycle joined = lifecycle.with(LifecycleJpa.transactionOf(em));
            DeletePlan plan = joined.plan(Customer.class, 1L, ALICE);
            assertEquals(2L, plan.deleted().stream().filter(e -> e.type().equals("Contact")).mapToLong(DeletePlan.Entry::count).sum());
            joined.delete(plan, ALICE, "duplicate");
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
            DataLifecycle joined = lifecycle.with(LifecycleJpa.transactionOf(em));
            joined.delete(joined.plan(Customer.class, 1L, ALICE), ALICE, "duplicate");
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
            DataLifecycle joined = lifecycle.with(LifecycleJpa.transactionOf(em));
            joined.delete(joined.plan(Customer.class, 1L, ALICE), ALICE, "duplicate");
            assertFalse(em.contains(note));
            note.text = "changed after the delete";
            Note fresh = em.find(Note.class, 500L);
            assertNull(fresh.customer);
            fresh.text = "edited";
            em.getTransaction().commit();
        }
        assertEquals(List.of("customer_id=null, text=edited"), db.rows("select customer_id, text from r_note"));
    }

    /**
     * Runs {@code work} in a transaction of a new EntityManager and commits it; rolls it back when the
     * work fails, so that a failed assertion leaves no lock to the next test.
     */
    private static void inHostTransaction(java.util.function.Consumer<EntityManager> work) {
        try (EntityManager em = emf.createEntityManager()) {
            em.getTransaction().begin();
            try {
                work.accept(em);
                em.getTransaction().commit();
            } finally {
                if (em.getTransaction().isActive()) {
                    em.getTransaction().rollback();
                }
            }
        }
    }

    /** Phone {@code id} read into {@code em} by a native query, which has no restriction: a phone in the bin too. */
    private static Phone phoneReadPastTheRestriction(EntityManager em, long id) {
        return (Phone) em.createNativeQuery("select * from r_phone where id = :id", Phone.class).setParameter("id", id).getSingleResult();
    }

    /**
     * A restore in the host's transaction changes rows the host's EntityManager may hold: the records
     * it brings back (held as they were in the bin) and the records whose reference it sets again. Both
     * leave that EntityManager, which reads them afresh.
     */
    @Test
    void aRestoreInTheHostsTransactionEvictsWhatItChangedFromThatEntityManager(TestDatabase db) {
        Deletion deletion = lifecycle.delete(lifecycle.plan(Customer.class, 1L, ALICE), ALICE, "duplicate");
        inHostTransaction(em -> {
            Phone phone = phoneReadPastTheRestriction(em, 100L);
            assertNotNull(phone.deletedAt);
            Note note = em.find(Note.class, 500L);
            assertNull(note.customer);
            RestoreReport report = lifecycle.with(LifecycleJpa.transactionOf(em)).restore(deletion.id(), ALICE);
            assertEquals(List.of(deletion.id()), report.deletions());
            assertEquals(Map.of("Customer", 1L, "Contact", 1L, "Phone", 1L), report.records());
            assertFalse(em.contains(phone));
            assertFalse(em.contains(note));
            assertNull(em.find(Phone.class, 100L).deletedAt);
            Note fresh = em.find(Note.class, 500L);
            assertEquals(1L, fresh.customer.id);
            fresh.text = "edited";
        });
        assertEquals(List.of("deletion_id=null, id=100"), db.rows("select deletion_id, id from r_phone"));
        assertEquals(List.of("customer_id=1, text=edited"), db.rows("select customer_id, text from r_note"));
        assertEquals(List.of("state=RESTORED"), db.rows("select state from lc_deletion"));
    }

    /** A purge in the host's transaction: the records it deletes for good leave the host's EntityManager. */
    @Test
    void aPurgeInTheHostsTransactionEvictsItsRecordsFromThatEntityManager(TestDatabase db) {
        Deletion deletion = lifecycle.delete(lifecycle.plan(Customer.class, 1L, ALICE), ALICE, "duplicate");
        inHostTransaction(em -> {
            Phone phone = phoneReadPastTheRestriction(em, 100L);
            Customer globex = em.find(Customer.class, 2L);
            PurgeReport report = lifecycle.with(LifecycleJpa.transactionOf(em)).purge(deletion.id(), ALICE);
            assertEquals(Map.of("Customer", 1L, "Contact", 1L, "Phone", 1L), report.records());
            assertFalse(em.contains(phone));
            assertNull(em.find(Phone.class, 100L));
            assertTrue(em.contains(globex));
        });
        assertEquals(List.of(), db.rows("select id from r_phone"));
        assertEquals(List.of("id=2"), db.rows("select id from r_customer"));
        assertEquals(List.of("state=PURGED"), db.rows("select state from lc_deletion"));
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
        var page = lifecycle.list(dev.datalifecycle.api.BinQuery.all().type("Customer"), ALICE);
        assertEquals(List.of("Acme"), page.entries().stream().map(dev.datalifecycle.api.BinEntry::label).toList());
        assertEquals(1L, page.entries().get(0).counts().get("Contact"));
        assertEquals(List.of(new dev.datalifecycle.api.BinMember("Contact", 10L, "Ann")),
                lifecycle.members(deletion.id(), ALICE, dev.datalifecycle.api.MemberQuery.of("Contact").pageSize(10)).entries());
    }

    @Test
    void aBatchDeleteReportsEachRecordAndHibernateForgetsWhatItDeleted(TestDatabase db) {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            Contact ann = em.find(Contact.class, 10L);
            DataLifecycle joined = lifecycle.with(LifecycleJpa.transactionOf(em));
            var report = joined.deleteBatch(Batch.of("Customer", List.of(1L, 2L, 99L)), ALICE, "cleanup");
            assertEquals(List.of(dev.datalifecycle.api.BatchOutcome.Result.DELETED, dev.datalifecycle.api.BatchOutcome.Result.DELETED,
                    dev.datalifecycle.api.BatchOutcome.Result.NOT_FOUND), report.outcomes().stream().map(o -> o.result()).toList());
            assertFalse(em.contains(ann));
            // All or nothing inside the host's transaction: refused because of 99, and the host's work stays.
            em.persist(new Customer(3L, "Initech"));
            var refused = joined.deleteBatch(Batch.of("Customer", List.of(3L, 99L)).allOrNothing(), ALICE, "cleanup");
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

    /**
     * In the host's transaction the operation flushes the host's pending work first; when the database
     * refuses it, the failure comes out as the library's, with the driver's exception as its cause.
     */
    @Test
    void aDatabaseFailureInTheHostsTransactionIsADatabaseExceptionNotHibernates(TestDatabase db) {
        try (EntityManager em = emf.createEntityManager()) {
            em.getTransaction().begin();
            try {
                em.persist(new Customer(1L, "Acme again"));
                DatabaseException e = assertThrows(DatabaseException.class,
                        () -> lifecycle.with(LifecycleJpa.transactionOf(em)).plan(Customer.class, 2L, ALICE));
                assertEquals("plan", e.operation());
                assertInstanceOf(java.sql.SQLException.class, e.getCause());
            } finally {
                em.getTransaction().rollback();
            }
        }
        assertEquals(List.of("id=1, name=Acme", "id=2, name=Globex"), db.rows("select id, name from r_customer"));
    }

    @Test
    void anEntityManagerWithoutATransactionIsRefused() {
        try (EntityManager em = emf.createEntityManager()) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class,
                    () -> lifecycle.with(LifecycleJpa.transactionOf(em)).plan(Customer.class, 1L, ALICE));
            assertTrue(e.getMessage().contains("no active transaction"), e::getMessage);
        }
        assertNotNull(LifecycleJpa.model(emf).type("Customer"));
    }
}
