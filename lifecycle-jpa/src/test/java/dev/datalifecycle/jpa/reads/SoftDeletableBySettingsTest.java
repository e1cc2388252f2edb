package dev.datalifecycle.jpa.reads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.datalifecycle.api.DirectDeleteRefusedException;
import dev.datalifecycle.jpa.LifecycleJpa;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Id;
import jakarta.persistence.PersistenceConfiguration;
import org.junit.jupiter.api.Test;

/** A type made soft-deletable by a setting alone, with no annotation on its class, is hidden and guarded alike. */
class SoftDeletableBySettingsTest {

    /** An entity the library knows only from the factory's settings. */
    @Entity(name = "Lead")
    static class Lead {
        @Id
        Long id;
        String name;
    }

    @Test
    void aTypeNamedInTheSettingsGetsItsMarkersItsRestrictionAndItsGuard() {
        PersistenceConfiguration config = new PersistenceConfiguration("by-settings").managedClass(Lead.class)
                .property(PersistenceConfiguration.JDBC_URL, "jdbc:h2:mem:by_settings;DB_CLOSE_DELAY=-1")
                .property(PersistenceConfiguration.JDBC_USER, "sa")
                .property(PersistenceConfiguration.SCHEMAGEN_DATABASE_ACTION, "create");
        LifecycleJpa.configure().softDeletable("Lead").toProperties().forEach(config::property);
        try (EntityManagerFactory emf = config.createEntityManagerFactory()) {
            emf.runInTransaction(em -> {
                Lead lead = new Lead();
                lead.id = 1L;
                lead.name = "from the fair";
                em.persist(lead);
            });
            // The markers exist because the library added them to the mapping; deleted as the engine does it.
            emf.runInTransaction(em -> em.createNativeQuery("update Lead set deletion_id = 'd1', deleted_at = current_timestamp where id = 1")
                    .executeUpdate());
            assertNull(emf.callInTransaction(em -> em.find(Lead.class, 1L)));
            assertEquals(0L, (long) emf.callInTransaction(em -> em.createQuery("select count(l) from Lead l", Long.class).getSingleResult()));
            assertThrows(DirectDeleteRefusedException.class, () -> emf.runInTransaction(em -> em.createQuery("delete from Lead").executeUpdate()));
        }
    }
}
