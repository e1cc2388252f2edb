package dev.datalifecycle.jpa.reads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.datalifecycle.api.Actor;
import dev.datalifecycle.api.Deletion;
import dev.datalifecycle.jpa.DataLifecycle;
import dev.datalifecycle.jpa.LifecycleJpa;
import dev.datalifecycle.jpa.TestFactories;
import dev.datalifecycle.jpa.reads.ReadEntities.Contact;
import dev.datalifecycle.jpa.reads.ReadEntities.Customer;
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
 * With Hibernate's second-level and query caches on, a delete through the library is not answered
 * from what the caches held before it, and a restore brings the records back.
 */
abstract class CachesContract {

    private static final Actor ALICE = Actor.of("alice", Set.of());
    private static EntityManagerFactory emf;
    private static DataLifecycle lifecycle;

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
}
