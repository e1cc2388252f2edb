package dev.datalifecycle.jpa.reads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.datalifecycle.api.Actor;
import dev.datalifecycle.api.BinPurge;
import dev.datalifecycle.api.DataLifecycle;
import dev.datalifecycle.api.Deletion;
import dev.datalifecycle.api.PurgeReport;
import dev.datalifecycle.jpa.LifecycleJpa;
import dev.datalifecycle.jpa.TestFactories;
import dev.datalifecycle.jpa.reads.ReadEntities.Contact;
import dev.datalifecycle.jpa.reads.ReadEntities.Customer;
import dev.datalifecycle.testkit.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With Hibernate's second-level and query caches on, a delete through the library is not answered
 * from what the caches held before it, and a restore brings the records back.
 */
abstract class CachesContract {

    private static final Actor ALICE = Actor.of("alice", Set.of());
    private static EntityManagerFactory emf;
    private static DataLifecycle lifecycle;
    /** The same factory's entry point, its clock far past every deletion's expiry. */
    private static DataLifecycle later;

    @BeforeAll
    static void boot(TestDatabase db) {
        Map<String, Object> properties = new HashMap<>(ReadEntities.rules());
        properties.put("jakarta.persistence.sharedCache.mode", "ALL");
        properties.put("hibernate.cache.use_second_level_cache", "true");
        properties.put("hibernate.cache.use_query_cache", "true");
        properties.put("hibernate.cache.region.factory_class", "jcache");
        properties.put("hibernate.javax.cache.provider", "com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider");
        properties.put("hibernate.javax.cache.missing_cache_strategy", "create");
        emf = TestFactories.boot(db, "caches", ReadEntities.ALL, properties);
        TestFactories.installBin(db, emf);
        lifecycle = LifecycleJpa.builder(emf).build();
        later = LifecycleJpa.builder(emf).clock(Clock.offset(Clock.systemUTC(), Duration.ofDays(400))).build();
    }

    @AfterAll
    static void close() {
        TestFactories.close(emf);
    }

    @BeforeEach
    void records(TestDatabase db) {
        emf.getCache().evictAll();
        TestFactories.emptyBin(db);
        ReadEntities.deleteAll(db);
        emf.runInTransaction(em -> {
            Customer acme = new Customer(1L, "Acme");
            Customer globex = new Customer(2L, "Globex");
            em.persist(acme);
            em.persist(globex);
            em.persist(new Contact(10L, "Ann", acme));
            em.persist(new Contact(12L, "Cy", globex));
        });
    }

    private static List<Long> cachedQuery() {
        return emf.callInTransaction(em -> em.createQuery("select k.id from Contact k order by k.id", Long.class)
                .setHint("org.hibernate.cacheable", true).getResultList());
    }

    /** Contact {@code id} read by a native query, which has no restriction: it reads a record in the bin too. */
    private static Contact readPastTheRestriction(long id) {
        return emf.callInTransaction(em -> (Contact) em.createNativeQuery("select * from r_contact where id = :id", Contact.class)
                .setParameter("id", id).getSingleResult());
    }

    /**
     * The ids of the contacts in the bin, by a native query held in the query cache (declared to read
     * Contact's table, so writes to that table make Hibernate run it again).
     */
    private static List<Long> cachedBinQuery() {
        List<?> ids = emf.callInTransaction(em -> em.createNativeQuery("select id from r_contact where deletion_id is not null order by id")
                .unwrap(org.hibernate.query.NativeQuery.class).addSynchronizedEntityClass(Contact.class).setCacheable(true).getResultList());
        return ids.stream().map(id -> ((Number) id).longValue()).toList();
    }

    /** The statements read from Contact's table since the counter was reset. */
    private static List<String> contactReads(TestDatabase db) {
        return db.statements().statements().stream().filter(s -> s.toLowerCase(java.util.Locale.ROOT).startsWith("select")
                && s.contains("from r_contact")).toList();
    }

    @Test
    void neitherTheEntityNorTheQueryCacheAnswersForADeletedRecord() {
        assertEquals("Ann", emf.callInTransaction(em -> em.find(Contact.class, 10L).name));
        assertEquals(List.of(10L, 12L), cachedQuery());
        assertTrue(emf.getCache().contains(Contact.class, 10L));

        Deletion deletion = lifecycle.delete(lifecycle.plan(Customer.class, 1L, ALICE), ALICE, "duplicate");
        assertFalse(emf.getCache().contains(Contact.class, 10L));
        assertNull(emf.callInTransaction(em -> em.find(Contact.class, 10L)));
        assertEquals(List.of(12L), cachedQuery());

        lifecycle.restore(deletion.id(), ALICE);
        assertNotNull(emf.callInTransaction(em -> em.find(Contact.class, 10L)));
        assertEquals(List.of(10L, 12L), cachedQuery());
    }

    @Test
    void aCachedCollectionLosesTheRecordDeletedFromIt() {
        assertEquals(List.of(12L), emf.callInTransaction(em -> em.find(Customer.class, 2L).contacts.stream().map(c -> c.id).toList()));
        assertTrue(emf.unwrap(org.hibernate.SessionFactory.class).getCache().containsCollection(Customer.class.getName() + ".contacts", 2L));
        lifecycle.delete(lifecycle.plan(Contact.class, 12L, ALICE), ALICE, "left");
        assertEquals(List.of(), emf.callInTransaction(em -> em.find(Customer.class, 2L).contacts.stream().map(c -> c.id).toList()));
    }

    /**
     * What the caches took in about a record in the bin (a native query reads past the restriction, and
     * Hibernate caches what it read) is dropped when a purge of what expired removes the record for
     * good: the entity cache and the query cache answer from the database again.
     */
    @Test
    void aPurgeOfWhatExpiredEvictsTheEntityAndTheQueryCache(TestDatabase db) {
        Deletion deletion = lifecycle.delete(lifecycle.plan(Customer.class, 1L, ALICE), ALICE, "duplicate");
        assertEquals("Ann", readPastTheRestriction(10L).name);
        assertEquals(List.of(10L), cachedBinQuery());
        assertTrue(emf.getCache().contains(Contact.class, 10L));
        db.statements().reset();
        assertEquals("Ann", emf.callInTransaction(em -> em.find(Contact.class, 10L).name));
        assertEquals(List.of(10L), cachedBinQuery());
        assertEquals(List.of(), contactReads(db), "answered from the caches");

        // Not expired yet: a purge of what expired leaves the deletion, and what the caches hold of it.
        assertEquals(List.of(), lifecycle.purgeBin(BinPurge.expired(), ALICE).deletions());
        assertTrue(emf.getCache().contains(Contact.class, 10L));

        PurgeReport report = later.purgeBin(BinPurge.expired(), ALICE);
        assertEquals(List.of(deletion.id()), report.deletions());
        assertEquals(Map.of("Customer", 1L, "Contact", 1L), report.records());
        assertEquals(List.of("id=12"), db.rows("select id from r_contact"));
        assertFalse(emf.getCache().contains(Contact.class, 10L));
        assertNull(emf.callInTransaction(em -> em.find(Contact.class, 10L)));
        assertEquals(List.of(), cachedBinQuery());
    }
}
