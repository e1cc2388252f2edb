package dev.datalifecycle.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.datalifecycle.api.Actor;
import dev.datalifecycle.api.BinEntry;
import dev.datalifecycle.api.BinMember;
import dev.datalifecycle.api.BinPage;
import dev.datalifecycle.api.BinQuery;
import dev.datalifecycle.api.DataLifecycle;
import dev.datalifecycle.api.DeleteBlockedException;
import dev.datalifecycle.api.DeletePlan;
import dev.datalifecycle.api.Deletion;
import dev.datalifecycle.api.DirectDeleteRefusedException;
import dev.datalifecycle.api.InvalidRequestException;
import dev.datalifecycle.api.MemberQuery;
import dev.datalifecycle.api.PurgeReport;
import dev.datalifecycle.api.RestoreReport;
import dev.datalifecycle.api.spi.Authorizer;
import dev.datalifecycle.examples.crm.Contact;
import dev.datalifecycle.examples.crm.CrmModel;
import dev.datalifecycle.examples.crm.Customer;
import dev.datalifecycle.examples.crm.SampleData;
import dev.datalifecycle.jpa.LifecycleJpa;
import dev.datalifecycle.testkit.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The snippets of docs/using-with-hibernate.md, as the page shows them ({@link
 * DocsShowTheTestedCodeTest} checks), on the example CRM: Contoso Ltd is customer 2 and goes with its
 * contacts, opportunity, closed contract and activities; Northwind Traders, customer 1, has an open
 * contract that blocks its delete.
 */
abstract class HibernateDocsContract {

    private static final Actor ALICE = Actor.of("alice", Set.of("sales"));

    private EntityManagerFactory entityManagerFactory;

    /** Boots the example CRM with these boot settings, fills it, and installs the library's tables. */
    private EntityManagerFactory boot(TestDatabase db, Map<String, Object> settings) {
        Map<String, Object> properties = new HashMap<>(db.jpaProperties());
        properties.putAll(settings);
        entityManagerFactory = CrmModel.boot(properties);
        entityManagerFactory.runInTransaction(SampleData::create);
        db.execute("drop table if exists lc_detached_link", "drop table if exists lc_deletion_count",
                "drop table if exists lc_deletion_root", "drop table if exists lc_deletion");
        LifecycleJpa.installTables(entityManagerFactory);
        return entityManagerFactory;
    }

    @AfterEach
    void close() {
        if (entityManagerFactory != null) {
            entityManagerFactory.close();
        }
    }

    /** What a host reads from its security context. */
    private static Actor currentActor() {
        return ALICE;
    }

    private static long inBin(TestDatabase db) {
        return Long.parseLong(db.rows("select count(*) as n from lc_deletion where state = 'IN_BIN'").get(0).substring(2));
    }

    @Test
    void theEntryPointPlansDeletesRestoresAndPurges(TestDatabase db) {
        EntityManagerFactory entityManagerFactory = boot(db, Map.of());
        Authorizer authorizer = Authorizer.allowAll();
        Clock clock = Clock.systemUTC();
        // doc:start
        DataLifecycle lifecycle = LifecycleJpa.builder(entityManagerFactory)
                .authorizer(authorizer)            // optional: asked before each operation
                .clock(clock)                      // optional: deletion times and expiries
                .build();
        Actor alice = Actor.of("alice", Set.of("sales"));

        DeletePlan plan = lifecycle.plan(Customer.class, 2L, alice);       // nothing changes
        Deletion deletion = lifecycle.delete(plan, alice, "duplicate");    // refuses a plan gone stale
        // doc:end
        assertNull(entityManagerFactory.callInTransaction(em -> em.find(Customer.class, 2L)));
        assertEquals(7L, deletion.counts().values().stream().mapToLong(Long::longValue).sum());
        // doc:start
        BinPage<BinEntry> bin = lifecycle.list(BinQuery.all(), alice);
        BinPage<BinMember> contacts = lifecycle.members(deletion.id(), alice, MemberQuery.of("Contact"));
        // doc:end
        assertEquals(List.of("Contoso Ltd"), bin.entries().stream().map(BinEntry::label).toList());
        assertEquals(List.of("Kim Abercrombie", "Dan Park"), contacts.entries().stream().map(BinMember::label).toList());
        // doc:start
        RestoreReport restored = lifecycle.restore(deletion.id(), alice);   // all of it back
        // doc:end
        assertEquals(deletion.counts(), restored.records());
        assertEquals("Contoso Ltd", entityManagerFactory.callInTransaction(em -> em.find(Customer.class, 2L).getName()));
        // doc:start
        Deletion again = lifecycle.delete(lifecycle.plan(Customer.class, 2L, alice), alice, "duplicate");
        PurgeReport purged = lifecycle.purge(again.id(), alice);             // for good; a tombstone stays
        // doc:end
        assertEquals(again.counts(), purged.records());
        assertEquals(List.of("n=0"), db.rows("select count(*) as n from customer where id = 2"));
        assertEquals(List.of("state=PURGED, label=null"), db.rows("select state, label from lc_deletion where id = '" + again.id() + "'"));
    }

    @Test
    void inTheEntityManagersTransaction(TestDatabase db) {
        EntityManagerFactory entityManagerFactory = boot(db, Map.of());
        DataLifecycle lifecycle = LifecycleJpa.builder(entityManagerFactory).build();
        Actor alice = ALICE;
        try (EntityManager em = entityManagerFactory.createEntityManager()) {
            // doc:start
            em.getTransaction().begin();
            em.persist(new Contact(em.find(Customer.class, 2L), "Lee Wong", "lee@contoso.example"));  // pending, not flushed
            DataLifecycle joined = lifecycle.with(LifecycleJpa.transactionOf(em));
            DeletePlan plan = joined.plan(Customer.class, 2L, alice);        // flushed first: Lee is in it
            joined.delete(plan, alice, "duplicate");                          // same connection, same transaction
            em.getTransaction().rollback();                                   // and the delete is undone
            // doc:end
            assertEquals(3L, plan.deletedCount("Contact"));
        }
        assertEquals(0L, inBin(db));
        assertEquals(List.of("n=2"), db.rows("select count(*) as n from contact where customer_id = 2"));
        try (EntityManager em = entityManagerFactory.createEntityManager()) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class,
                    () -> lifecycle.with(LifecycleJpa.transactionOf(em)).plan(Customer.class, 2L, alice));
            assertTrue(e.getMessage().contains("no active transaction"), e::getMessage);
        }
    }

    @Test
    void removesRoutedThroughTheLibrary(TestDatabase db) {
        // doc:start
        Map<String, Object> properties = LifecycleJpa.configure()
                .routeRemoves(() -> currentActor())    // who removes, asked at each remove (your security context)
                .toProperties();
        // doc:end
        EntityManagerFactory entityManagerFactory = boot(db, properties);
        try (EntityManager em = entityManagerFactory.createEntityManager()) {
            // doc:start
            em.getTransaction().begin();
            em.remove(em.find(Customer.class, 2L));   // planned and deleted into the bin, with what its rules take
            em.getTransaction().commit();             // a rollback undoes it, as any write
            // doc:end
        }
        assertEquals(List.of("reason=removed through the EntityManager, n=7"), db.rows("select d.reason,"
                + " (select sum(c.records) from lc_deletion_count c where c.deletion_id = d.id) as n from lc_deletion d"));
        assertNull(entityManagerFactory.callInTransaction(em -> em.find(Customer.class, 2L)));
        try (EntityManager em = entityManagerFactory.createEntityManager()) {
            em.getTransaction().begin();
            Customer northwind = em.find(Customer.class, 1L);
            assertThrows(DeleteBlockedException.class, () -> em.remove(northwind));
            assertTrue(em.getTransaction().getRollbackOnly(), "a blocked remove dooms the host's transaction");
            em.getTransaction().rollback();
        }
        assertEquals(1L, inBin(db));
    }

    @Test
    void theHostsOwnDeletesAreRefused(TestDatabase db) {
        EntityManagerFactory entityManagerFactory = boot(db, Map.of());
        String refusal = null;
        boolean rollbackOnly = false;
        try (EntityManager em = entityManagerFactory.createEntityManager()) {
            // doc:start
            em.getTransaction().begin();
            try {
                em.remove(em.find(Contact.class, 1L));
            } catch (DirectDeleteRefusedException e) {
                // "Contact is soft-deletable, so the library deletes it: plan and delete it with DataLifecycle ..."
                // doc:end
                refusal = e.getMessage();
                rollbackOnly = em.getTransaction().getRollbackOnly();
                // doc:start
                em.getTransaction().rollback();   // Hibernate marked the transaction for rollback, as after any exception of em.remove
            }
            // doc:end
            // doc:start
            em.getTransaction().begin();
            em.createQuery("delete from User u where u.username = 'carol'").executeUpdate();   // not soft-deletable: runs
            em.getTransaction().commit();
            // doc:end
        }
        assertTrue(refusal.startsWith("Contact is soft-deletable, so the library deletes it: plan and delete it with DataLifecycle"), refusal);
        assertTrue(rollbackOnly, "a refused remove dooms the host's transaction");
        assertEquals(List.of("username=alice", "username=bob"), db.rows("select username from crm_user"));
        assertEquals(List.of("n=3"), db.rows("select count(*) as n from contact where customer_id = 1"));
        assertEquals(0L, inBin(db));
    }
}
