package dev.datalifecycle.jpa.reads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.datalifecycle.api.Actor;
import dev.datalifecycle.api.DeleteBlockedException;
import dev.datalifecycle.jpa.LifecycleJpa;
import dev.datalifecycle.jpa.TestFactories;
import dev.datalifecycle.jpa.reads.ReadEntities.Contact;
import dev.datalifecycle.jpa.reads.ReadEntities.Customer;
import dev.datalifecycle.jpa.reads.ReadEntities.Note;
import dev.datalifecycle.jpa.reads.ReadEntities.Person;
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
 * With routing opted in at boot, the host's {@code em.remove} of a soft-deletable record is a library
 * delete, without any entry point having been built.
 */
abstract class RoutedRemovesContract {

    private static final Actor BOB = Actor.of("bob", Set.of());
    private static EntityManagerFactory emf;

    @BeforeAll
    static void boot(TestDatabase db) {
        java.util.Map<String, Object> properties = new java.util.HashMap<>(ReadEntities.rules());
        properties.putAll(LifecycleJpa.configure().routeRemoves(() -> BOB).toProperties());
        emf = TestFactories.boot(db, "routed-removes", ReadEntities.ALL, properties);
        TestFactories.installBin(db, emf);
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
            em.persist(new Contact(10L, "Ann", acme));
            em.persist(new Note(500L, "met at fair", acme));
            em.persist(new Person(30L, "Eve", globex));
        });
    }

    @Test
    void aRemoveIsPlannedAndDeletedIntoTheBinWithWhatGoesWithIt(TestDatabase db) {
        emf.runInTransaction(em -> {
            Customer acme = em.find(Customer.class, 1L);
            em.remove(acme);
            assertFalse(em.contains(acme));
            assertNull(em.find(Contact.class, 10L));
        });
        assertEquals(List.of("actor_id=bob, reason=removed through the EntityManager, root_type=Customer, state=IN_BIN"),
                db.rows("select actor_id, reason, root_type, state from lc_deletion"));
        assertEquals(List.of("n=2"), db.rows("select (select count(*) from r_customer where deletion_id is not null)"
                + " + (select count(*) from r_contact where deletion_id is not null) as n"));
        assertEquals(List.of("customer_id=null"), db.rows("select customer_id from r_note"));
    }

    @Test
    void aRollbackUndoesARoutedRemove(TestDatabase db) {
        try (EntityManager em = emf.createEntityManager()) {
            em.getTransaction().begin();
            em.remove(em.find(Customer.class, 1L));
            em.getTransaction().rollback();
        }
        assertEquals(List.of(), db.rows("select id from lc_deletion"));
        assertEquals(List.of("deletion_id=null, id=1", "deletion_id=null, id=2"), db.rows("select deletion_id, id from r_customer order by id"));
    }

    @Test
    void aRemoveThePlanBlocksFailsWithItsBlockersAndChangesNothing(TestDatabase db) {
        // Person.employer is RESTRICT by default: Eve blocks Globex.
        assertThrows(DeleteBlockedException.class, () -> emf.runInTransaction(em -> em.remove(em.find(Customer.class, 2L))));
        assertEquals(List.of(), db.rows("select id from lc_deletion"));
        assertEquals(List.of("deletion_id=null, id=2"), db.rows("select deletion_id, id from r_customer where id = 2"));
    }
}
