package dev.datalifecycle.jpa;

import dev.datalifecycle.testkit.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceConfiguration;
import java.util.List;
import java.util.Map;

/** Boots a Hibernate factory on a test database, with Hibernate creating the schema. */
public final class TestFactories {

    private TestFactories() {
    }

    /** A factory for {@code classes} on {@code db}; {@code properties} come after the database's own. */
    public static EntityManagerFactory boot(TestDatabase db, String unit, List<Class<?>> classes, Map<String, Object> properties) {
        PersistenceConfiguration config = new PersistenceConfiguration(unit);
        classes.forEach(config::managedClass);
        config.property(PersistenceConfiguration.SCHEMAGEN_DATABASE_ACTION, "create");
        db.jpaProperties().forEach(config::property);
        properties.forEach(config::property);
        return config.createEntityManagerFactory();
    }

    /** Closes {@code emf} when a boot made one. */
    public static void close(EntityManagerFactory emf) {
        if (emf != null) {
            emf.close();
        }
    }
}
