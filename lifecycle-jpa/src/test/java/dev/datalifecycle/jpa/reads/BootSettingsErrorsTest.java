package dev.datalifecycle.jpa.reads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.datalifecycle.api.InvalidModelException;
import dev.datalifecycle.jpa.LifecycleJpaSettings;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceConfiguration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A boot setting under {@code dev.datalifecycle.} that the library does not know, or whose value is of
 * the wrong kind, fails the boot naming it: a typo must not leave the guards switched on or off
 * silently.
 */
class BootSettingsErrorsTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static PersistenceConfiguration config(Map<String, Object> settings) {
        PersistenceConfiguration config = new PersistenceConfiguration("boot-settings");
        ReadEntities.ALL.forEach(config::managedClass);
        config.property(PersistenceConfiguration.JDBC_URL, "jdbc:h2:mem:boot_settings_" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1")
                .property(PersistenceConfiguration.JDBC_USER, "sa")
                .property(PersistenceConfiguration.SCHEMAGEN_DATABASE_ACTION, "create");
        settings.forEach(config::property);
        return config;
    }

    /** Hibernate wraps what a boot hook throws; the library's exception is the cause. */
    private static InvalidModelException bootFails(Map<String, Object> settings) {
        Throwable e = assertThrows(RuntimeException.class, () -> config(settings).createEntityManagerFactory().close());
        while (e != null && !(e instanceof InvalidModelException)) {
            e = e.getCause();
        }
        if (e == null) {
            throw new AssertionError("the boot failed, but not with InvalidModelException");
        }
        return (InvalidModelException) e;
    }

    @Test
    void anUnknownSettingFailsTheBootNamingIt() {
        InvalidModelException e = bootFails(Map.of("dev.datalifecycle.foo", "bar"));
        assertEquals(1, e.problems().size(), e::getMessage);
        assertTrue(e.problems().get(0).startsWith("Unknown setting dev.datalifecycle.foo = bar: the settings are ["), e::getMessage);
        assertTrue(e.getMessage().contains("dev.datalifecycle.foo"), e::getMessage);
    }

    @Test
    void aSwitchThatIsNeitherTrueNorFalseFailsTheBootNamingIt() {
        InvalidModelException e = bootFails(Map.of(LifecycleJpaSettings.REFUSE_HOST_DELETES, "maybe"));
        assertEquals(List.of("dev.datalifecycle.refuse-host-deletes = maybe is neither true nor false"), e.problems());
        assertTrue(e.getMessage().contains("dev.datalifecycle.refuse-host-deletes"), e::getMessage);
    }

    @Test
    void everyBadSettingIsListedAtOnce() {
        InvalidModelException e = bootFails(Map.of("dev.datalifecycle.insert-guard", "sometimes", "dev.datalifecycle.route-removes",
                "com.example.NoSuchResolver", "dev.datalifecycle.refuse-host-deletes", "TRUE "));
        assertEquals(2, e.problems().size(), e::getMessage);
        assertTrue(e.problems().contains("dev.datalifecycle.insert-guard = sometimes is neither true nor false"), e::getMessage);
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("dev.datalifecycle.route-removes = com.example.NoSuchResolver: cannot make one")),
                e::getMessage);
    }

    @Test
    void anAuthorizerForRoutingWithoutRoutingFailsTheBoot() {
        InvalidModelException e = bootFails(Map.of(LifecycleJpaSettings.ROUTE_REMOVES_AUTHORIZER,
                (dev.datalifecycle.api.spi.Authorizer) (actor, operation, type) -> { }));
        assertEquals(List.of("dev.datalifecycle.route-removes.authorizer is set but dev.datalifecycle.route-removes is not: set both, or neither"),
                e.problems());
    }

    @Test
    void theKnownSettingsWithValuesOfTheRightKindBoot() {
        Map<String, Object> settings = Map.of(LifecycleJpaSettings.REFUSE_HOST_DELETES, "false", LifecycleJpaSettings.INSERT_GUARD, Boolean.TRUE,
                "dev.datalifecycle.enabled", "true");
        try (EntityManagerFactory emf = config(settings).createEntityManagerFactory()) {
            emf.runInTransaction(em -> em.persist(new ReadEntities.Customer(1L, "Acme")));
            emf.runInTransaction(em -> em.remove(em.find(ReadEntities.Customer.class, 1L)));
            assertEquals(0L, (long) emf.callInTransaction(em -> em.createQuery("select count(c) from Customer c", Long.class).getSingleResult()));
        }
    }
}
