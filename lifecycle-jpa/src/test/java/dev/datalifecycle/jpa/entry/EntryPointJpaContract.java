package dev.datalifecycle.jpa.entry;

import dev.datalifecycle.api.DataLifecycle;
import dev.datalifecycle.api.spi.Authorizer;
import dev.datalifecycle.api.HostTransaction;
import dev.datalifecycle.jpa.LifecycleJpa;
import dev.datalifecycle.jpa.TestFactories;
import dev.datalifecycle.testkit.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceConfiguration;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The entry-point contract through {@code LifecycleJpa}: a Hibernate host's factory and {@code EntityManager}. */
abstract class EntryPointJpaContract extends EntryPointContract {

    private static EntityManagerFactory emf;

    @BeforeAll
    static void boot(TestDatabase db) {
        // The contract made the tables; Hibernate only maps them.
        emf = TestFactories.boot(db, "entry-point", EntryModel.ENTITIES, Map.of(PersistenceConfiguration.SCHEMAGEN_DATABASE_ACTION, "none"));
    }

    @AfterAll
    static void close() {
        TestFactories.close(emf);
    }

    @Override
    DataLifecycle build(TestDatabase db, Clock clock, Authorizer authorizer) {
        return LifecycleJpa.builder(emf).clock(clock).authorizer(authorizer).build();
    }

    @Override
    HostTx begin(TestDatabase db) {
        EntityManager em = emf.createEntityManager();
        em.getTransaction().begin();
        HostTransaction transaction = LifecycleJpa.transactionOf(em);
        return new HostTx() {
            @Override
            public HostTransaction transaction() {
                return transaction;
            }

            @Override
            public void commit() {
                em.getTransaction().commit();
            }

            @Override
            public void rollback() {
                em.getTransaction().rollback();
            }

            @Override
            public void close() {
                em.close();
            }
        };
    }
}
