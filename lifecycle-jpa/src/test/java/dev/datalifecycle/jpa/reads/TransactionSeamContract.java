package dev.datalifecycle.jpa.reads;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.datalifecycle.api.HostTransaction;
import dev.datalifecycle.jpa.LifecycleJpa;
import dev.datalifecycle.jpa.TestFactories;
import dev.datalifecycle.jpa.reads.ReadEntities.Customer;
import dev.datalifecycle.testkit.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The transaction seam of a Hibernate session ({@link LifecycleJpa#transactionOf}): a completion
 * listener learns how the host's transaction ended, once.
 */
abstract class TransactionSeamContract {

    private static EntityManagerFactory emf;

    @BeforeAll
    static void boot(TestDatabase db) {
        emf = TestFactories.boot(db, "transaction-seam", ReadEntities.ALL, ReadEntities.rules());
    }

    @AfterAll
    static void close() {
        TestFactories.close(emf);
    }

    @BeforeEach
    void records(TestDatabase db) {
        ReadEntities.deleteAll(db);
    }

    @Test
    void aListenerIsToldTrueOnceAfterTheHostCommits(TestDatabase db) {
        List<String> told = new CopyOnWriteArrayList<>();
        try (EntityManager em = emf.createEntityManager()) {
            em.getTransaction().begin();
            HostTransaction transaction = LifecycleJpa.transactionOf(em);
            transaction.afterCompletion(committed -> told.add("committed=" + committed + ", rows=" + db.rows("select id from r_customer")));
            em.persist(new Customer(1L, "Acme"));
            em.flush();
            assertEquals(List.of(), told);
            em.getTransaction().commit();
            assertEquals(List.of("committed=true, rows=[id=1]"), told);
            // The next transaction of the same EntityManager is not the one the listener was given for.
            em.getTransaction().begin();
            em.persist(new Customer(2L, "Globex"));
            em.getTransaction().commit();
            em.getTransaction().begin();
            em.getTransaction().rollback();
        }
        assertEquals(List.of("committed=true, rows=[id=1]"), told);
    }

    @Test
    void aListenerIsToldFalseOnceAfterTheHostRollsBack(TestDatabase db) {
        List<String> told = new CopyOnWriteArrayList<>();
        try (EntityManager em = emf.createEntityManager()) {
            em.getTransaction().begin();
            LifecycleJpa.transactionOf(em).afterCompletion(committed -> told.add("committed=" + committed));
            em.persist(new Customer(1L, "Acme"));
            em.flush();
            em.getTransaction().rollback();
            assertEquals(List.of("committed=false"), told);
            em.getTransaction().begin();
            em.persist(new Customer(2L, "Globex"));
            em.getTransaction().commit();
        }
        assertEquals(List.of("committed=false"), told);
        assertEquals(List.of("id=2"), db.rows("select id from r_customer"));
    }

    @Test
    void everyListenerIsToldAndAListenerGivenAfterTheEndIsNeverTold(TestDatabase db) {
        List<String> told = new CopyOnWriteArrayList<>();
        try (EntityManager em = emf.createEntityManager()) {
            em.getTransaction().begin();
            HostTransaction transaction = LifecycleJpa.transactionOf(em);
            transaction.afterCompletion(committed -> told.add("first " + committed));
            transaction.afterCompletion(committed -> told.add("second " + committed));
            em.getTransaction().commit();
            transaction.afterCompletion(committed -> told.add("late " + committed));
            em.getTransaction().begin();
            em.getTransaction().commit();
        }
        assertEquals(List.of("first true", "second true"), told);
    }
}
