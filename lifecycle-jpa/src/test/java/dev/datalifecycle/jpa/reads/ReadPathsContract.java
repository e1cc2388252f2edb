package dev.datalifecycle.jpa.reads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.datalifecycle.jpa.TestFactories;
import dev.datalifecycle.jpa.reads.ReadEntities.Contact;
import dev.datalifecycle.jpa.reads.ReadEntities.Customer;
import dev.datalifecycle.jpa.reads.ReadEntities.Note;
import dev.datalifecycle.jpa.reads.ReadEntities.Party;
import dev.datalifecycle.jpa.reads.ReadEntities.Person;
import dev.datalifecycle.jpa.reads.ReadEntities.Phone;
import dev.datalifecycle.jpa.reads.ReadEntities.Truck;
import dev.datalifecycle.jpa.reads.ReadEntities.Vehicle;
import dev.datalifecycle.testkit.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityNotFoundException;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Join;
import jakarta.persistence.criteria.Root;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every read path of Hibernate leaves out records the library marked as deleted, with no
 * restriction written by the host: rows are flipped with plain JDBC, as the engine does, and what
 * Hibernate returns is asserted, along with the SQL it ran.
 */
abstract class ReadPathsContract {

    private static EntityManagerFactory emf;

    @BeforeAll
    static void boot(TestDatabase db) {
        // Contact 21 below stays live under its deleted customer, which only an IGNORE rule allows.
        emf = TestFactories.boot(db, "read-paths", ReadEntities.ALL, dev.datalifecycle.jpa.LifecycleJpa.configure()
                .rule("Contact", "customer", dev.datalifecycle.api.DeleteRule.IGNORE).toProperties());
        emf.runInTransaction(em -> {
            Customer acme = new Customer(1L, "Acme");
            Customer globex = new Customer(2L, "Globex");
            acme.tags.add("vip");
            globex.tags.add("old");
            em.persist(acme);
            em.persist(globex);
            Contact ann = new Contact(10L, "Ann", acme);
            em.persist(ann);
            em.persist(new Contact(11L, "Bob", acme));
            em.persist(new Contact(20L, "Cid", globex));
            em.persist(new Contact(21L, "Dee", globex));
            em.persist(new Phone(100L, "555-0100", ann));
            em.persist(new Phone(101L, "555-0101", ann));
            em.persist(new Note(500L, "met at fair", globex));
            em.persist(new Person(30L, "Eve", acme));
            em.persist(new Person(31L, "Fay", acme));
            em.persist(new Party(32L, "Gus"));
            Vehicle van = new Vehicle(40L, "V-40");
            Truck old = new Truck(41L, "T-41", 3, acme);
            Truck truck = new Truck(42L, "T-42", 2, acme);
            em.persist(van);
            em.persist(old);
            em.persist(truck);
            acme.fleet.addAll(List.of(van, old, truck));
        });
        // Deleted behind Hibernate's back, as the engine marks rows. Contact 21 stays live under its
        // deleted customer, which only an IGNORE rule allows, to show joins leave it out as well.
        for (String table : List.of("r_customer where id = 2", "r_contact where id in (11, 20)", "r_phone where id = 101",
                "r_party where id in (31, 32)", "r_vehicle where id = 41")) {
            db.execute("update " + table.replace(" where", " set deletion_id = 'd1', deleted_at = current_timestamp where"));
        }
    }

    @AfterAll
    static void close() {
        TestFactories.close(emf);
    }

    private static <T> T read(Function<EntityManager, T> work) {
        return emf.callInTransaction(work);
    }

    @Test
    void findSeesOnlyLiveRecordsAndSaysSoInItsSql(TestDatabase db) {
        db.statements().reset();
        assertNull(read(em -> em.find(Customer.class, 2L)));
        assertTrue(db.statements().statements().stream().anyMatch(s -> s.toLowerCase().contains("deleted_at is null")),
                () -> "statements: " + db.statements().statements());
        assertNotNull(read(em -> em.find(Customer.class, 1L)));
        assertNull(read(em -> em.find(Contact.class, 11L)));
    }

    @Test
    void getReferenceOfADeletedRecordFailsWhenFirstUsed() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> read(em -> {
            Customer reference = em.getReference(Customer.class, 2L);
            org.hibernate.Hibernate.initialize(reference);
            return reference;
        }));
        assertTrue(e instanceof EntityNotFoundException || e instanceof org.hibernate.ObjectNotFoundException, e::toString);
    }

    @Test
    void queriesLeaveDeletedRecordsOutIncludingThroughJoinsAndPaths() {
        assertEquals(List.of(1L), read(em -> em.createQuery("select c.id from Customer c order by c.id", Long.class).getResultList()));
        assertEquals(List.of(10L), read(em -> em.createQuery("select k.id from Contact k where k.customer.id = :id order by k.id", Long.class)
                .setParameter("id", 1L).getResultList()));
        assertEquals(List.of(10L), read(em -> em.createQuery("select k.id from Contact k join k.customer c order by k.id", Long.class)
                .getResultList()));
        assertEquals(List.of(10L, 21L), read(em -> em.createQuery("select k.id from Contact k order by k.id", Long.class).getResultList()));
    }

    @Test
    void criteriaQueriesLeaveDeletedRecordsOut() {
        List<Long> ids = read(em -> {
            CriteriaBuilder cb = em.getCriteriaBuilder();
            CriteriaQuery<Long> query = cb.createQuery(Long.class);
            Root<Contact> contact = query.from(Contact.class);
            Join<Contact, Customer> customer = contact.join("customer");
            return em.createQuery(query.select(contact.get("id")).where(cb.like(customer.get("name"), "%")).orderBy(cb.asc(contact.get("id"))))
                    .getResultList();
        });
        assertEquals(List.of(10L), ids);
    }

    @Test
    void lazyAndEagerCollectionsHoldOnlyLiveRecords() {
        assertEquals(List.of(10L), read(em -> em.find(Customer.class, 1L).contacts.stream().map(c -> c.id).sorted().toList()));
        assertEquals(List.of(100L), read(em -> em.find(Contact.class, 10L).phones.stream().map(p -> p.id).sorted().toList()));
        assertEquals(List.of(30L), read(em -> em.find(Customer.class, 1L).people.stream().map(p -> p.id).sorted().toList()));
        assertEquals(List.of(42L), read(em -> em.find(Customer.class, 1L).trucks.stream().map(t -> t.id).sorted().toList()));
        assertEquals(List.of(40L, 42L), read(em -> em.find(Customer.class, 1L).fleet.stream().map(v -> v.id).sorted().toList()));
        assertEquals(List.of(40L, 42L), read(em -> em.createQuery("select v.id from Customer c join c.fleet v order by v.id", Long.class)
                .getResultList()));
    }

    @Test
    void theElementCollectionOfADeletedOwnerIsOutOfReach() {
        assertEquals(List.of("vip"), read(em -> em.createQuery("select t from Customer c join c.tags t", String.class).getResultList()));
    }

    @Test
    void singleTableAndJoinedHierarchiesLeaveDeletedRecordsOut() {
        assertEquals(List.of(30L), read(em -> em.createQuery("select p.id from Party p order by p.id", Long.class).getResultList()));
        assertNull(read(em -> em.find(Person.class, 31L)));
        assertEquals(List.of(40L, 42L), read(em -> em.createQuery("select v.id from Vehicle v order by v.id", Long.class).getResultList()));
        assertEquals(List.of(42L), read(em -> em.createQuery("select t.id from Truck t", Long.class).getResultList()));
        assertNull(read(em -> em.find(Truck.class, 41L)));
        assertNull(read(em -> em.find(Vehicle.class, 41L)));
    }

    /**
     * Only an IGNORE rule leaves a live record pointing at a deleted one. An EAGER reference then
     * reads as empty, in a find and in a query; a LAZY one is a proxy that fails when first used, as
     * for a row that is gone (Hibernate cannot know the target was deleted without loading it).
     */
    @Test
    void aReferenceToADeletedRecordReadsAsEmptyWhenEagerAndAsMissingWhenLazy(TestDatabase db) {
        db.statements().reset();
        assertNull(read(em -> em.find(Note.class, 500L).customer));
        assertEquals(1, db.statements().count("select"), () -> "statements: " + db.statements().statements());
        assertNull(read(em -> em.createQuery("select n from Note n", Note.class).getSingleResult().customer));
        RuntimeException e = assertThrows(RuntimeException.class, () -> read(em -> {
            Customer customer = em.find(Contact.class, 21L).customer;
            org.hibernate.Hibernate.initialize(customer);
            return customer;
        }));
        assertTrue(e instanceof EntityNotFoundException || e instanceof org.hibernate.ObjectNotFoundException, e::toString);
        assertEquals("Acme", read(em -> ((Customer) org.hibernate.Hibernate.unproxy(em.find(Contact.class, 10L).customer)).name));
    }

    @Test
    void theLazyReferenceThatMayPointAtADeletedRecordIsNamedAtStartUp() {
        List<String> warnings = dev.datalifecycle.jpa.LifecycleJpa.report(emf).stream().filter(l -> l.startsWith("WARNING") && l.contains("LAZY"))
                .toList();
        assertEquals(List.of("WARNING Contact.customer is LAZY and IGNORE: when its Customer is deleted it stays a proxy that throws"
                + " EntityNotFoundException when first used. Map it EAGER to read null instead, or use another rule"), warnings);
    }

    /** The restriction costs no extra statement: a LAZY reference stays LAZY, a find is one select. */
    @Test
    void lazyReferencesStayLazy(TestDatabase db) {
        db.statements().reset();
        Contact contact = read(em -> em.find(Contact.class, 10L));
        assertTrue(!org.hibernate.Hibernate.isInitialized(contact.customer));
        assertEquals(1, db.statements().count("select"), () -> "statements: " + db.statements().statements());
    }
}
