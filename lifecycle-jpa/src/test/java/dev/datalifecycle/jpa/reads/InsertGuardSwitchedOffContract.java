package dev.datalifecycle.jpa.reads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.datalifecycle.api.Actor;
import dev.datalifecycle.api.DataLifecycle;
import dev.datalifecycle.api.DirectDeleteRefusedException;
import dev.datalifecycle.jpa.LifecycleJpa;
import dev.datalifecycle.jpa.TestFactories;
import dev.datalifecycle.jpa.reads.ReadEntities.Contact;
import dev.datalifecycle.jpa.reads.ReadEntities.Customer;
import dev.datalifecycle.jpa.reads.ReadEntities.Phone;
import dev.datalifecycle.jpa.reads.ReadEntities.Visit;
import dev.datalifecycle.testkit.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Booted with {@code insertGuard(false)}, the factory lets the host write a record under a parent in
 * the bin (the host takes that on itself); the host's own removes are still refused.
 */
abstract class InsertGuardSwitchedOffContract {

    private static final Actor ALICE = Actor.of("alice", Set.of());
    private static EntityManagerFactory emf;
    private static DataLifecycle lifecycle;

    @BeforeAll
    static void boot(TestDatabase db) {
        Map<String, Object> properties = new HashMap<>(ReadEntities.rules());
        properties.putAll(LifecycleJpa.configure().insertGuard(false).toProperties());
        emf = TestFactories.boot(db, "insert-guard-off", ReadEntities.ALL, properties);
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
        });
        lifecycle.delete(lifecycle.plan(Customer.class, 1L, ALICE), ALICE, "gone");
    }

    @Test
    void aChildInsertedUnderARecordInTheBinIsLetThrough(TestDatabase db) {
        emf.runInTransaction(em -> em.persist(new Phone(102L, "555-0102", em.getReference(Contact.class, 10L))));
        emf.runInTransaction(em -> em.persist(new Visit(701L, 1L)));
        assertEquals(List.of("contact_id=10, deletion_id=null, id=102"), db.rows("select contact_id, deletion_id, id from r_phone where id = 102"));
        assertEquals(List.of("c=1, id=701"), db.rows("select customerId as c, id from r_visit"));
        assertEquals(List.of("deletion_id=null, id=11"), db.rows("select deletion_id, id from r_contact where deletion_id is null"));
    }

    @Test
    void movingARecordUnderOneInTheBinIsLetThrough(TestDatabase db) {
        emf.runInTransaction(em -> em.find(Phone.class, 101L).contact = em.getReference(Contact.class, 10L));
        assertEquals(List.of("contact_id=10"), db.rows("select contact_id from r_phone where id = 101"));
    }

    @Test
    void theHostsOwnRemovesAreStillRefused(TestDatabase db) {
        assertThrows(DirectDeleteRefusedException.class, () -> emf.runInTransaction(em -> em.remove(em.find(Contact.class, 11L))));
        assertEquals(List.of("id=10", "id=11"), db.rows("select id from r_contact"));
    }
}
