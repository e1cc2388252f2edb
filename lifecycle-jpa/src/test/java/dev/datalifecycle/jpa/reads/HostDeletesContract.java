package dev.datalifecycle.jpa.reads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.datalifecycle.api.DirectDeleteRefusedException;
import dev.datalifecycle.jpa.TestFactories;
import dev.datalifecycle.jpa.reads.ReadEntities.Contact;
import dev.datalifecycle.jpa.reads.ReadEntities.Customer;
import dev.datalifecycle.jpa.reads.ReadEntities.Note;
import dev.datalifecycle.jpa.reads.ReadEntities.Truck;
import dev.datalifecycle.testkit.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The host's own {@code em.remove} of a soft-deletable record is refused and writes nothing. */
abstract class HostDeletesContract {

    private static EntityManagerFactory emf;

    @BeforeAll
    static void boot(TestDatabase db) {
        emf = TestFactories.boot(db, "host-deletes", ReadEntities.ALL, java.util.Map.of());
    }

    @AfterAll
    static void close() {
        TestFactories.close(emf);
    }

    @BeforeEach
    void records(TestDatabase db) {
        ReadEntities.deleteAll(db);
        emf.runInTransaction(em -> {
            Customer acme = new Customer(1L, "Acme");
            em.persist(acme);
            em.persist(new Contact(10L, "Ann", acme));
            em.persist(new Note(500L, "met at fair", acme));
            em.persist(new Truck(41L, "T-41", 3, acme));
        });
    }

    @Test
    void removingASoftDeletableRecordIsRefusedAndChangesNothing(TestDatabase db) {
        DirectDeleteRefusedException e = assertThrows(DirectDeleteRefusedException.class,
                () -> emf.runInTransaction(em -> em.remove(em.find(Contact.class, 10L))));
        assertEquals("Contact", e.type());
        assertEquals(List.of("deleted_at=null, deletion_id=null, id=10"), db.rows("select deleted_at, deletion_id, id from r_contact"));
    }

    @Test
    void aSubclassOfASoftDeletableRootIsRefusedUnderItsOwnName(TestDatabase db) {
        DirectDeleteRefusedException e = assertThrows(DirectDeleteRefusedException.class,
                () -> emf.runInTransaction(em -> em.remove(em.getReference(Truck.class, 41L))));
        assertEquals("Truck", e.type());
        assertEquals(List.of("deleted_at=null, id=41"), db.rows("select deleted_at, id from r_vehicle"));
    }

    @Test
    void aJpqlOrCriteriaDeleteOfSoftDeletableRecordsIsRefusedAndChangesNothing(TestDatabase db) {
        DirectDeleteRefusedException jpql = assertThrows(DirectDeleteRefusedException.class,
                () -> emf.runInTransaction(em -> em.createQuery("delete from Contact k where k.name = 'Ann'").executeUpdate()));
        assertEquals("Contact", jpql.type());
        DirectDeleteRefusedException joined = assertThrows(DirectDeleteRefusedException.class,
                () -> emf.runInTransaction(em -> em.createQuery("delete from Truck t where t.axles > 1").executeUpdate()));
        assertEquals("Truck", joined.type());
        DirectDeleteRefusedException criteria = assertThrows(DirectDeleteRefusedException.class, () -> emf.runInTransaction(em -> {
            var cb = em.getCriteriaBuilder();
            var delete = cb.createCriteriaDelete(Customer.class);
            delete.from(Customer.class);
            em.createQuery(delete).executeUpdate();
        }));
        assertEquals("Customer", criteria.type());
        assertEquals(List.of("deleted_at=null, id=10"), db.rows("select deleted_at, id from r_contact"));
        assertEquals(List.of("deleted_at=null, id=1"), db.rows("select deleted_at, id from r_customer"));
        assertEquals(List.of("id=41"), db.rows("select id from r_truck"));
    }

    @Test
    void aJpqlUpdateChangesLiveRecordsOnly(TestDatabase db) {
        emf.runInTransaction(em -> em.persist(new Contact(11L, "Bob", em.find(Customer.class, 1L))));
        db.execute("update r_contact set deletion_id = 'd1', deleted_at = current_timestamp where id = 11");
        int changed = emf.callInTransaction(em -> em.createQuery("update Contact k set k.name = 'Renamed'").executeUpdate());
        assertEquals(1, changed);
        assertEquals(List.of("id=10, name=Renamed", "id=11, name=Bob"), db.rows("select id, name from r_contact order by id"));
    }

    @Test
    void aNativeDeleteFromASoftDeletableTableIsRefused(TestDatabase db) {
        assertThrows(DirectDeleteRefusedException.class,
                () -> emf.runInTransaction(em -> em.createNativeQuery("DELETE FROM r_contact WHERE id = 10").executeUpdate()));
        assertEquals(List.of("id=10"), db.rows("select id from r_contact"));
    }

    @Test
    void aJpqlDeleteOfRecordsThatAreNotSoftDeletableStillWorks(TestDatabase db) {
        emf.runInTransaction(em -> em.createQuery("delete from Note").executeUpdate());
        assertEquals(List.of(), db.rows("select id from r_note"));
    }

    @Test
    void removingARecordThatIsNotSoftDeletableStillWorks(TestDatabase db) {
        emf.runInTransaction(em -> em.remove(em.find(Note.class, 500L)));
        assertEquals(List.of(), db.rows("select id from r_note"));
    }
}
