package dev.datalifecycle.jpa;

import dev.datalifecycle.api.DataLifecycle;
import dev.datalifecycle.api.LifecycleException;
import dev.datalifecycle.api.UnknownEntityTypeException;
import dev.datalifecycle.api.spi.Authorizer;
import dev.datalifecycle.api.HostTransaction;
import dev.datalifecycle.core.LifecycleJdbc;
import dev.datalifecycle.core.bin.LifecycleSchema;
import dev.datalifecycle.core.model.LifecycleModel;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SessionImplementor;

/**
 * The entry to Data Lifecycle for a Hibernate application: {@link #builder} gives the {@link
 * DataLifecycle} that plans, deletes, restores and purges; {@link #transactionOf} lets its operations
 * join an {@code EntityManager}'s transaction; {@link #configure()} gives the boot settings; {@link
 * #model} the model read from the factory's mappings when it booted, completed on first use with what
 * only the database catalog knows.
 *
 * <p>Every operation of a Hibernate-built entry point, its own transactions included, runs in a
 * session of the factory: what the library changed behind Hibernate's back is forgotten afterwards
 * (deleted records and records whose reference was cleared or set again leave the session; the
 * second-level and query caches drop what they hold of the tables touched), purges of the bin too.
 * Building an entry point changes nothing about how the factory behaves: what the factory does with
 * the host's own removes is a boot setting ({@link LifecycleJpaSettings}).
 *
 * <pre>{@code
 * DataLifecycle lifecycle = LifecycleJpa.builder(entityManagerFactory).build();
 * Deletion deletion = lifecycle.delete(lifecycle.plan(Customer.class, 42L, alice), alice, "duplicate");
 *
 * lifecycle.with(LifecycleJpa.transactionOf(em)).restore(deletion.id(), alice);   // in the host's transaction
 * }</pre>
 */
public final class LifecycleJpa {

    private LifecycleJpa() {
    }

    /**
     * Installs the library's own tables ({@code lc_deletion} and the rest) in the factory's database
     * unless they are there, and says whether it did. The opt-in installer for a quick start or a test;
     * in production run the shipped migrations ({@code db/lifecycle/<database>}) with Flyway or
     * Liquibase.
     */
    public static boolean installTables(EntityManagerFactory entityManagerFactory) {
        var dialect = HibernateDialects.of(entityManagerFactory);
        try (var session = entityManagerFactory.unwrap(SessionFactoryImplementor.class).openSession()) {
            return session.doReturningWork(connection -> LifecycleSchema.install(connection, dialect));
        }
    }

    /** Starts a {@link DataLifecycle} for {@code entityManagerFactory}, which the library took part in booting. */
    public static Builder builder(EntityManagerFactory entityManagerFactory) {
        return new Builder(entityManagerFactory);
    }

    /**
     * The transaction of {@code entityManager}, for {@link DataLifecycle#with}: the operations run on
     * its connection, after flushing it, and never commit it; the host's rollback undoes them.
     *
     * <pre>{@code
     * em.getTransaction().begin();
     * lifecycle.with(LifecycleJpa.transactionOf(em)).delete(plan, alice, "duplicate");
     * em.getTransaction().commit();
     * }</pre>
     *
     * @throws LifecycleException when the factory of {@code entityManager} was booted without the library
     */
    public static HostTransaction transactionOf(EntityManager entityManager) {
        Objects.requireNonNull(entityManager, "entityManager");
        SessionImplementor session = entityManager.unwrap(SessionImplementor.class);
        return new SessionTransaction(session, registered(session.getFactory()).result().model());
    }

    /** Options of a Hibernate-built {@link DataLifecycle}; each has a default. */
    public static final class Builder {
        private final EntityManagerFactory entityManagerFactory;
        private Clock clock = Clock.systemUTC();
        private Authorizer authorizer = Authorizer.allowAll();

        private Builder(EntityManagerFactory entityManagerFactory) {
            this.entityManagerFactory = Objects.requireNonNull(entityManagerFactory, "entityManagerFactory");
        }

        /** The clock deletion times and expiries are read from (default: the system clock, UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Asked once before each operation (default: allows everything). */
        public Builder authorizer(Authorizer authorizer) {
            this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
            return this;
        }

        /**
         * Reads the model (the catalog on first use) and builds the entry point. Changes nothing about
         * the factory: building two over one factory gives two independent entry points.
         *
         * @throws LifecycleException when the library did not take part in the factory's boot
         * @throws dev.datalifecycle.api.UnsupportedDatabaseException when the database is not supported
         */
        public DataLifecycle build() {
            return entryPoint(entityManagerFactory, clock, authorizer);
        }
    }

    /** The Hibernate-built entry point: the engine of lifecycle-core over the factory's sessions. */
    static DataLifecycle entryPoint(EntityManagerFactory entityManagerFactory, Clock clock, Authorizer authorizer) {
        SessionFactoryImplementor factory = entityManagerFactory.unwrap(SessionFactoryImplementor.class);
        LifecycleModel model = model(entityManagerFactory);
        return LifecycleJdbc.builder(new SessionTransactions(factory, model), model)
                .dialect(HibernateDialects.of(entityManagerFactory))
                .clock(clock)
                .authorizer(authorizer)
                .typeNames(type -> typeName(factory, model, type))
                .build();
    }

    private static String typeName(SessionFactoryImplementor factory, LifecycleModel model, Class<?> type) {
        try {
            return factory.getJpaMetamodel().entity(type).getName();
        } catch (IllegalArgumentException e) {
            throw new UnknownEntityTypeException(type.getName(), model.types().keySet());
        }
    }

    /**
     * Starts boot settings for discovery (soft-deletable entities, rules, plain references) and for
     * what the factory does with the host's own removes, to pass as {@code EntityManagerFactory}
     * properties; see {@link LifecycleJpaSettings}.
     */
    public static LifecycleJpaSettings configure() {
        return new LifecycleJpaSettings();
    }

    /**
     * The model discovered when {@code entityManagerFactory} booted.
     *
     * @throws LifecycleException when the library did not take part in that boot (switched off, or
     *                            not on Hibernate's class path)
     */
    public static LifecycleModel model(EntityManagerFactory entityManagerFactory) {
        return registered(entityManagerFactory.unwrap(SessionFactoryImplementor.class)).result().model();
    }

    /**
     * The start-up report of the model: one line per dependency with its rule and where the rule came
     * from (mapping default, a parent's cascade, annotation, settings, catalog), and a warning with a
     * {@code CREATE INDEX} statement for each reference column no index starts with. It is also
     * logged at INFO when the model is first read.
     */
    public static List<String> report(EntityManagerFactory entityManagerFactory) {
        return registered(entityManagerFactory.unwrap(SessionFactoryImplementor.class)).result().report();
    }

    private static LifecycleIntegrator.Registered registered(SessionFactoryImplementor factory) {
        LifecycleIntegrator.Registered registered = LifecycleIntegrator.registered(factory);
        if (registered == null) {
            throw new LifecycleException("Data Lifecycle did not take part in the boot of this EntityManagerFactory: check that "
                    + "lifecycle-jpa is on the class path Hibernate boots from and that " + LifecycleIntegrator.ENABLED + " is not false");
        }
        return registered;
    }
}
