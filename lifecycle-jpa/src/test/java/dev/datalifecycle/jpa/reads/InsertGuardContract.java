package dev.datalifecycle.jpa.reads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.datalifecycle.api.Actor;
import dev.datalifecycle.api.DataLifecycle;
import dev.datalifecycle.api.DeletePlan;
import dev.datalifecycle.api.ReferenceToDeletedRecordException;
import dev.datalifecycle.api.StalePlanException;
import dev.datalifecycle.jpa.LifecycleJpa;
import dev.datalifecycle.jpa.TestFactories;
import dev.datalifecycle.jpa.reads.ReadEntities.Contact;
import dev.datalifecycle.jpa.reads.ReadEntities.Customer;
import dev.datalifecycle.jpa.reads.ReadEntities.Phone;
import dev.datalifecycle.jpa.reads.ReadEntities.Vehicle;
import dev.datalifecycle.testkit.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A write through Hibernate never leaves a live record under a deleted one: not against a record
 * already in the bin, and not against a delete running at the same time, in either order. The
 * interleavings are forced: one transaction holds its locks open until the other is seen waiting for
 * them.
 */
abstract class InsertGuardContract {

    private static final Actor ALICE = Actor.of("alice", Set.of());
    private static EntityManagerFactory emf;
    private static DataLifecycle lifecycle;

    @BeforeAll
    static void boot(TestDatabase db) {
        emf = TestFactories.boot(db, "insert-guard", ReadEntities.ALL, ReadEntities.rules());
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
            Customer globex = new Customer(2L, "Globex");
            em.persist(acme);
            em.persist(globex);
            Contact ann = new Contact(10L, "Ann", acme);
            Contact cy = new Contact(11L, "Cy", globex);
            em.persist(ann);
            em.persist(cy);
            em.persist(new Phone(100L, "555-0100", ann));
            em.persist(new Phone(101L, "555-0101", cy));
            em.persist(new Vehicle(40L, "V-40"));
            em.persist(new ReadEntities.Visit(700L, 2L));
        });
    }

    /** Live phones whose contact is deleted: what must never be. */
    private static List<String> orphans(TestDatabase db) {
        return db.rows("select p.id from r_phone p join r_contact c on c.id = p.contact_id"
                + " where p.deletion_id is null and c.deletion_id is not null");
    }

    private static void deleteCustomerOne() {
        lifecycle.delete(lifecycle.plan(Customer.class, 1L, ALICE), ALICE, "gone");
    }

    /**
     * Returns once another transaction waits for a row lock: the test hook that makes the racing
     * write provably wait on the other transaction's lock, not merely run after it.
     */
    private static void awaitLockWait(TestDatabase db, CompletableFuture<?> other) throws InterruptedException {
        String waiting = switch (db.dbms()) {
            case POSTGRESQL -> "select count(*) as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()";
            // A foreign-key check's wait does not show as LOCK WAIT in innodb_trx: a statement stuck is what shows.
            case MARIADB -> "select count(*) as n from information_schema.processlist where command = 'Query' and time_ms > 200"
                    + " and info not like '%information_schema%'";
            default -> "select count(*) as n from information_schema.sessions where blocker_id is not null";
        };
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (db.rows(waiting).equals(List.of("n=0"))) {
            if (System.nanoTime() > deadline || other.isDone()) {
                String how = other.isDone() ? " (it ended: " + other.handle((v, e) -> String.valueOf(e)).join() + ")" : "";
                throw new AssertionError("no transaction came to wait for a lock" + how);
            }
            Thread.sleep(20);
        }
    }

    private static Throwable rootOf(Throwable e) {
        while (e.getCause() != null && !(e instanceof dev.datalifecycle.api.LifecycleException)) {
            e = e.getCause();
        }
        return e;
    }

    /** An EntityManager whose transaction is rolled back if still open when the test leaves, so a failure leaves no lock behind. */
    private record Held(EntityManager em) implements AutoCloseable {
        @Override
        public void close() {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    private static void inTransaction(Consumer<EntityManager> work) {
        try (EntityManager em = emf.createEntityManager()) {
            em.getTransaction().begin();
            try {
                work.accept(em);
                em.flush();
                em.getTransaction().commit();
            } finally {
                if (em.getTransaction().isActive()) {
                    em.getTransaction().rollback();
                }
            }
        }
    }

    @Test
    void aChildInsertedUnderARecordInTheBinIsRefused(TestDatabase db) {
        deleteCustomerOne();
        ReferenceToDeletedRecordException e = assertThrows(ReferenceToDeletedRecordException.class,
                () -> inTransaction(em -> em.persist(new Phone(102L, "555-0102", em.getReference(Contact.class, 10L)))));
        assertEquals("Phone", e.fromType());
        assertEquals("Contact", e.targetType());
        assertEquals(10L, e.targetId());
        assertEquals(List.of("id=100", "id=101"), db.rows("select id from r_phone order by id"));
    }

    @Test
    void movingARecordUnderOneInTheBinIsRefused(TestDatabase db) {
        deleteCustomerOne();
        assertThrows(ReferenceToDeletedRecordException.class,
                () -> inTransaction(em -> em.find(Phone.class, 101L).contact = em.getReference(Contact.class, 10L)));
        assertEquals(List.of("contact_id=11"), db.rows("select contact_id from r_phone where id = 101"));
    }

    @Test
    void aPlainReferenceDeclaredWithReferencesIsGuardedOnInsertAndOnChange(TestDatabase db) {
        deleteCustomerOne();
        ReferenceToDeletedRecordException insert = assertThrows(ReferenceToDeletedRecordException.class,
                () -> inTransaction(em -> em.persist(new ReadEntities.Visit(701L, 1L))));
        assertEquals("Visit", insert.fromType());
        assertThrows(ReferenceToDeletedRecordException.class, () -> inTransaction(em -> em.find(ReadEntities.Visit.class, 700L).customerId = 1L));
        assertEquals(List.of("c=2, id=700"), db.rows("select customerId as c, id from r_visit"));
    }

    @Test
    void aLinkToARecordInTheBinIsRefused(TestDatabase db) {
        db.execute("update r_vehicle set deletion_id = 'd1', deleted_at = current_timestamp where id = 40");
        ReferenceToDeletedRecordException e = assertThrows(ReferenceToDeletedRecordException.class,
                () -> inTransaction(em -> em.find(Customer.class, 2L).fleet.add(em.getReference(Vehicle.class, 40L))));
        assertEquals("Vehicle", e.targetType());
        assertEquals(List.of(), db.rows("select customer_id from r_customer_vehicle"));
    }

    @Test
    void theCheckIsOneLockingReadPerReferencedTypeNotPerRecord(TestDatabase db) {
        db.statements().reset();
        inTransaction(em -> {
            for (long i = 0; i < 200; i++) {
                em.persist(new Phone(1000 + i, "555-" + i, em.getReference(Contact.class, i % 2 == 0 ? 10L : 11L)));
            }
        });
        long lockingReads = db.statements().statements().stream().filter(s -> s.toLowerCase().startsWith("select")
                && s.contains("r_contact") && s.toLowerCase().contains(" for ") || s.toLowerCase().contains("lock in share mode")).count();
        assertEquals(1, lockingReads, () -> "statements: " + db.statements().statements().stream().filter(s -> !s.startsWith("insert")).toList());
        assertEquals(List.of("n=202"), db.rows("select count(*) as n from r_phone"));
    }

    /** The delete holds its locks; the insert comes while it runs, and is refused once it commits. */
    @Test
    void anInsertWhileTheParentIsBeingDeletedIsRefused(TestDatabase db) throws Exception {
        try (Held held = new Held(emf.createEntityManager())) {
            EntityManager deleting = held.em;
            deleting.getTransaction().begin();
            DataLifecycle joined = lifecycle.with(LifecycleJpa.transactionOf(deleting));
            joined.delete(joined.plan(Customer.class, 1L, ALICE), ALICE, "gone");
            CompletableFuture<Void> insert = CompletableFuture.runAsync(
                    () -> inTransaction(em -> em.persist(new Phone(102L, "555-0102", em.getReference(Contact.class, 10L)))));
            awaitLockWait(db, insert);
            deleting.getTransaction().commit();
            ExecutionException e = assertThrows(ExecutionException.class, () -> insert.get(30, TimeUnit.SECONDS));
            assertInstanceOf(ReferenceToDeletedRecordException.class, rootOf(e), e::toString);
        }
        assertEquals(List.of(), orphans(db));
        assertEquals(List.of("id=100", "id=101"), db.rows("select id from r_phone order by id"));
    }

    @Test
    void aMoveWhileTheNewParentIsBeingDeletedIsRefused(TestDatabase db) throws Exception {
        try (Held held = new Held(emf.createEntityManager())) {
            EntityManager deleting = held.em;
            deleting.getTransaction().begin();
            DataLifecycle joined = lifecycle.with(LifecycleJpa.transactionOf(deleting));
            joined.delete(joined.plan(Customer.class, 1L, ALICE), ALICE, "gone");
            CompletableFuture<Void> move = CompletableFuture.runAsync(
                    () -> inTransaction(em -> em.find(Phone.class, 101L).contact = em.getReference(Contact.class, 10L)));
            awaitLockWait(db, move);
            deleting.getTransaction().commit();
            ExecutionException e = assertThrows(ExecutionException.class, () -> move.get(30, TimeUnit.SECONDS));
            assertInstanceOf(ReferenceToDeletedRecordException.class, rootOf(e), e::toString);
        }
        assertEquals(List.of(), orphans(db));
    }

    @Test
    void aLinkAddedWhileItsTargetIsBeingDeletedIsRefused(TestDatabase db) throws Exception {
        try (Held held = new Held(emf.createEntityManager())) {
            EntityManager deleting = held.em;
            deleting.getTransaction().begin();
            DataLifecycle joined = lifecycle.with(LifecycleJpa.transactionOf(deleting));
            joined.delete(joined.plan(Vehicle.class, 40L, ALICE), ALICE, "sold");
            CompletableFuture<Void> link = CompletableFuture.runAsync(
                    () -> inTransaction(em -> em.find(Customer.class, 2L).fleet.add(em.getReference(Vehicle.class, 40L))));
            awaitLockWait(db, link);
            deleting.getTransaction().commit();
            ExecutionException e = assertThrows(ExecutionException.class, () -> link.get(30, TimeUnit.SECONDS));
            assertInstanceOf(ReferenceToDeletedRecordException.class, rootOf(e), e::toString);
        }
        assertEquals(List.of(), db.rows("select customer_id from r_customer_vehicle"));
    }

    /**
     * The insert comes first and holds its locking read; the delete, planned without it, waits for it,
     * then finds the new phone and refuses the plan as stale. Either way no live phone is left under a
     * deleted contact.
     */
    @Test
    void aDeleteAfterAnUncommittedInsertWaitsAndFindsItsPlanStale(TestDatabase db) throws Exception {
        DeletePlan plan = lifecycle.plan(Customer.class, 1L, ALICE);
        try (Held held = new Held(emf.createEntityManager())) {
            EntityManager inserting = held.em;
            inserting.getTransaction().begin();
            inserting.persist(new Phone(102L, "555-0102", inserting.getReference(Contact.class, 10L)));
            inserting.flush();
            CompletableFuture<Void> delete = CompletableFuture.runAsync(() -> lifecycle.delete(plan, ALICE, "gone"));
            awaitLockWait(db, delete);
            inserting.getTransaction().commit();
            ExecutionException e = assertThrows(ExecutionException.class, () -> delete.get(30, TimeUnit.SECONDS));
            assertInstanceOf(StalePlanException.class, rootOf(e), e::toString);
        }
        assertEquals(List.of(), orphans(db));
        assertEquals(List.of("n=0"), db.rows("select count(*) as n from r_contact where deletion_id is not null"));
    }
}
