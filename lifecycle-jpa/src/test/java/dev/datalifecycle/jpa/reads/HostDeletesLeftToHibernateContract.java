package dev.datalifecycle.jpa.reads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.datalifecycle.api.Actor;
import dev.datalifecycle.api.DataLifecycle;
import dev.datalifecycle.api.ReferenceToDeletedRecordException;
import dev.datalifecycle.jpa.LifecycleJpa;
import dev.datalifecycle.jpa.TestFactories;
import dev.datalifecycle.jpa.reads.ReadEntities.Contact;
import dev.datalifecycle.jpa.reads.ReadEntities.Customer;
import dev.datalifecycle.jpa.reads.ReadEntities.Note;
import dev.datalifecycle.jpa.reads.ReadEntities.Phone;
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
 * Booted with {@code refuseHostDeletes(false)}, the factory leaves the host's own deletes of
 * soft-deletable records to Hibernate: the rows go, nothing enters the bin. The other guards stay.
 */
abstract class HostDeletesLeftToHibernateContract {

    private static final Actor ALICE = Actor.of("alice", Set.of());
    private static EntityManagerFactory emf;
    private static DataLifecycle lifecycle;

    @BeforeAll
    static void boot(TestDatabase db) {
        Map<String, Object> properties = new HashMap<>(ReadEntities.rules());
        properties.putAll(LifecycleJpa.configure().refuseHostDeletes(false).toProperties());
        emf = TestFactories.boot(db, "host-deletes-left", ReadEntities.ALL, properties);
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
            Contact ann = new Contact(10L, "Ann", acme);
            em.persist(ann);
            em.persist(new Contact(11L, "Bob", acme));
            em.persist(new Phone(100L, "555-0100", ann));
            em.persist(new Note(500L, "met at fair", acme));
        });
    }

    @Test
    void aRemoveOfASoftDeletableRecordIsLeftToHibernateWhichDeletesTheRow(TestDatabase db) {
        emf.runInTransaction(em -> em.remove(em.find(Contact.class, 11L)));
        assertEquals(List.of("deletion_id=null, id=10"), db.rows("select deletion_id, id from r_contact"));
        assertEquals(List.of(), db.rows("select id from lc_deletion"));
    }

    @Test
    void jpqlAndNativeDeletesOfSoftDeletableRecordsGoThrough(TestDatabase db) {
        int jpql = emf.callInTransaction(em -> em.createQuery("delete from Phone p where p.number = '555-0100'").executeUpdate());
        assertEquals(1, jpql);
        int nativeDelete = emf.callInTransaction(em -> em.createNativeQuery("DELETE FROM r_contact WHERE id = 11").executeUpdate());
        assertEquals(1, nativeDelete);
        assertEquals(List.of(), db.rows("select id from r_phone"));
        assertEquals(List.of("id=10"), db.rows("select id from r_contact"));
        assertEquals(List.of(), db.rows("select id from lc_deletion"));
    }

    @Test
    void aChildWrittenUnderARecordInTheBinIsStillRefused(TestDatabase db) {
        lifecycle.delete(lifecycle.plan(Customer.class, 1L, ALICE), ALICE, "gone");
        assertThrows(ReferenceToDeletedRecordException.class, () -> emf.runInTransaction(em -> {
            em.persist(new Phone(102L, "555-0102", em.getReference(Contact.class, 10L)));
            em.flush();
        }));
        assertEquals(List.of("id=100"), db.rows("select id from r_phone"));
    }
}
