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
        // The configuration's own cache mode wins over the property of the same name.
        Object cacheMode = properties.get("jakarta.persistence.sharedCache.mode");
        if (cacheMode != null) {
            config.sharedCacheMode(jakarta.persistence.SharedCacheMode.valueOf(cacheMode.toString()));
        }
        return config.createEntityManagerFactory();
    }

    /** Installs the library's own tables in {@code db}, in the dialect of {@code emf}. */
    public static void installBin(TestDatabase db, EntityManagerFactory emf) {
        try (java.sql.Connection c = db.dataSource().getConnection()) {
            dev.datalifecycle.core.bin.LifecycleSchema.install(c, HibernateDialects.of(emf));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Empties the library's own tables. */
    public static void emptyBin(TestDatabase db) {
        db.execute("delete from lc_detached_link", "delete from lc_deletion_count", "delete from lc_deletion_root", "delete from lc_deletion");
    }

    /** Closes {@code emf} when a boot made one. */
    public static void close(EntityManagerFactory emf) {
        if (emf != null) {
            emf.close();
        }
    }
}
