package dev.datalifecycle.jpa.reads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.datalifecycle.api.AccessDeniedException;
import dev.datalifecycle.api.Actor;
import dev.datalifecycle.api.DataLifecycle;
import dev.datalifecycle.api.DirectDeleteRefusedException;
import dev.datalifecycle.api.spi.Authorizer;
import dev.datalifecycle.jpa.LifecycleJpa;
import dev.datalifecycle.jpa.TestFactories;
import dev.datalifecycle.jpa.reads.ReadEntities.Contact;
import dev.datalifecycle.jpa.reads.ReadEntities.Customer;
import dev.datalifecycle.testkit.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceConfiguration;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a factory does with the host's own removes is fixed when it boots: building entry points over
 * it, however many and with whatever authorizer, changes nothing. Two factories share the database:
 * one booted with the defaults (removes refused), one with removes routed as Bob.
 */
abstract class BuildingEntryPointsContract {

    private static final Actor ALICE = Actor.of("alice", Set.of());
    private static final Actor BOB = Actor.of("bob", Set.of());
    /** Refuses everything: an entry point built with it would refuse any routed remove that asked it. */
    private static final Authorizer DENY_ALL = (actor, operation, type) -> {
        throw new AccessDeniedException(actor, operation, type);
    };
    /** What the authorizer given at boot with the routing was asked. */
    private static final List<String> ASKED_AT_BOOT = new CopyOnWriteArrayList<>();

    private static EntityManagerFactory refusing;
    private static EntityManagerFactory routing;

    @BeforeAll
    static void boot(TestDatabase db) {
        refusing = TestFactories.boot(db, "entry-points-refusing", ReadEntities.ALL, ReadEntities.rules());
        TestFactories.installBin(db, refusing);
        Map<String, Object> routed = new HashMap<>(ReadEntities.rules());
        routed.putAll(LifecycleJpa.configure()
                .routeRemoves(() -> BOB, (actor, operation, type) -> ASKED_AT_BOOT.add(actor.userId() + " " + operation + " " + type))
                .toProperties());
        // The first factory created the tables.
        routed.put(PersistenceConfiguration.SCHEMAGEN_DATABASE_ACTION, "none");
        routing = TestFactories.boot(db, "entry-points-routing", ReadEntities.ALL, routed);
    }

    @AfterAll
    static void close() {
        TestFactories.close(refusing);
        TestFactories.close(routing);
    }

    @BeforeEach
    void records(TestDatabase db) {
        ASKED_AT_BOOT.clear();
        TestFactories.emptyBin(db);
        ReadEntities.deleteAll(db);
        refusing.runInTransaction(em -> {
            Customer acme = new Customer(1L, "Acme");
            Customer globex = new Customer(2L, "Globex");
            em.persist(acme);
            em.persist(globex);
            em.persist(new Contact(10L, "Ann", acme));
            em.persist(new Contact(12L, "Cy", globex));
        });
    }

    /** Builds entry points over {@code emf} with other authorizers and clocks than the boot's. */
    private static List<DataLifecycle> buildSeveral(EntityManagerFactory emf) {
        return List.of(LifecycleJpa.builder(emf).build(),
                LifecycleJpa.builder(emf).authorizer(DENY_ALL).build(),
                LifecycleJpa.builder(emf).authorizer(DENY_ALL).clock(Clock.offset(Clock.systemUTC(), Duration.ofDays(-3))).build());
    }

    @Test
    void withTheDefaultsARemoveIsStillRefusedAfterEntryPointsWereBuilt(TestDatabase db) {
        List<DataLifecycle> built = buildSeveral(refusing);
        // The entry points are real ones, each with its own authorizer.
        assertThrows(AccessDeniedException.class, () -> built.get(1).plan(Customer.class, 1L, ALICE));

        DirectDeleteRefusedException e = assertThrows(DirectDeleteRefusedException.class,
                () -> refusing.runInTransaction(em -> em.remove(em.find(Contact.class, 10L))));
        assertEquals("Contact", e.type());
        buildSeveral(refusing);
        assertThrows(DirectDeleteRefusedException.class, () -> refusing.runInTransaction(em -> em.remove(em.find(Customer.class, 2L))));

        assertEquals(List.of(), db.rows("select id from lc_deletion"));
        assertEquals(List.of("deletion_id=null, id=10", "deletion_id=null, id=12"), db.rows("select deletion_id, id from r_contact"));
        assertEquals(List.of("deletion_id=null, id=1", "deletion_id=null, id=2"), db.rows("select deletion_id, id from r_customer"));
    }

    @Test
    void withRoutingAtBootRemovesAreRoutedAsBootSaysWhateverEntryPointsWereBuilt(TestDatabase db) {
        buildSeveral(routing);
        routing.runInTransaction(em -> {
            Customer acme = em.find(Customer.class, 1L);
            em.remove(acme);
            assertFalse(em.contains(acme));
            assertNull(em.find(Contact.class, 10L));
        });
        buildSeveral(routing);
        buildSeveral(refusing);
        routing.runInTransaction(em -> em.remove(em.find(Contact.class, 12L)));

        // Neither the deny-all authorizers nor the built entry points' clocks had a say: the boot's did.
        assertEquals(List.of("bob PLAN Customer", "bob DELETE Customer", "bob PLAN Contact", "bob DELETE Contact"), ASKED_AT_BOOT);
        assertEquals(List.of("actor_id=bob, reason=removed through the EntityManager, root_type=Contact, state=IN_BIN",
                "actor_id=bob, reason=removed through the EntityManager, root_type=Customer, state=IN_BIN"),
                db.rows("select actor_id, reason, root_type, state from lc_deletion"));
        assertEquals(List.of("id=1", "id=10", "id=12"), db.rows("select id from r_customer where deletion_id is not null"
                + " union all select id from r_contact where deletion_id is not null"));
        assertEquals(List.of("id=2"), db.rows("select id from r_customer where deletion_id is null"));
        assertEquals(List.of("n=0"), db.rows("select count(*) as n from lc_deletion where deleted_at < current_timestamp - interval '1' day"));
    }

    @Test
    void theFactoryWithDefaultsStillRefusesWhileTheRoutingOneRoutes(TestDatabase db) {
        buildSeveral(routing);
        assertThrows(DirectDeleteRefusedException.class, () -> refusing.runInTransaction(em -> em.remove(em.find(Contact.class, 12L))));
        routing.runInTransaction(em -> em.remove(em.find(Contact.class, 12L)));
        assertEquals(List.of("actor_id=bob, root_type=Contact"), db.rows("select actor_id, root_type from lc_deletion"));
        assertEquals(List.of("deletion_id=null, id=10"), db.rows("select deletion_id, id from r_contact where deletion_id is null"));
    }
}
