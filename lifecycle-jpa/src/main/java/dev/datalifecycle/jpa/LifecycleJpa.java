package dev.datalifecycle.jpa;

import dev.datalifecycle.api.LifecycleException;
import dev.datalifecycle.core.model.LifecycleModel;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * The entry to Data Lifecycle for a Hibernate application: {@link #builder} gives the
 * {@link DataLifecycle} that plans, deletes, restores and purges; {@link #configure()} the boot
 * settings; {@link #model} the model read from the factory's mappings when it booted, completed on
 * first use with what only the database catalog knows.
 *
 * <pre>{@code
 * DataLifecycle lifecycle = LifecycleJpa.builder(entityManagerFactory).build();
 * Deletion deletion = lifecycle.delete(lifecycle.plan(Customer.class, 42L, alice), alice, "duplicate");
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
            return session.doReturningWork(connection -> dev.datalifecycle.core.bin.LifecycleSchema.install(connection, dialect));
        }
    }

    /** Starts a {@link DataLifecycle} for {@code entityManagerFactory}, which the library took part in booting. */
    public static Builder builder(EntityManagerFactory entityManagerFactory) {
        return new Builder(entityManagerFactory);
    }

    /** Options of a {@link DataLifecycle}; each has a default. */
    public static final class Builder {
        private final EntityManagerFactory entityManagerFactory;
        private java.time.Clock clock = java.time.Clock.systemUTC();
        private dev.datalifecycle.api.spi.Authorizer authorizer = dev.datalifecycle.api.spi.Authorizer.allowAll();
        private java.util.function.Supplier<dev.datalifecycle.api.Actor> removingActor;

        private Builder(EntityManagerFactory entityManagerFactory) {
            this.entityManagerFactory = java.util.Objects.requireNonNull(entityManagerFactory, "entityManagerFactory");
        }

        /** The clock deletion times and expiries are read from (default: the system clock, UTC). */
        public Builder clock(java.time.Clock clock) {
            this.clock = java.util.Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Asked before each plan, delete, restore and purge (default: allows everything). */
        public Builder authorizer(dev.datalifecycle.api.spi.Authorizer authorizer) {
            this.authorizer = java.util.Objects.requireNonNull(authorizer, "authorizer");
            return this;
        }

        /**
         * Opts in to routing: from now on {@code em.remove} of a soft-deletable record (the host's
         * own, not a cascade) plans and deletes it through the library in the {@code EntityManager}'s
         * transaction, as {@code actor} (asked at each remove, e.g. from the host's security context),
         * instead of being refused. A remove the plan blocks fails with the blockers. The last entry
         * point built with this routes the factory's removes.
         */
        public Builder routeRemoves(java.util.function.Supplier<dev.datalifecycle.api.Actor> actor) {
            this.removingActor = java.util.Objects.requireNonNull(actor, "actor");
            return this;
        }

        /**
         * Reads the model (the catalog on first use) and builds the entry point.
         *
         * @throws LifecycleException when the library did not take part in the factory's boot
         */
        public DataLifecycle build() {
            LifecycleModel model = model(entityManagerFactory);
            var dialect = HibernateDialects.of(entityManagerFactory);
            DataLifecycle lifecycle = new DataLifecycle(entityManagerFactory.unwrap(SessionFactoryImplementor.class), model,
                    new dev.datalifecycle.core.plan.DeletePlanner(model, dialect, dev.datalifecycle.core.plan.DeletePlanner.DEFAULT_SAMPLE_SIZE,
                            authorizer),
                    new dev.datalifecycle.core.bin.RecycleBin(model, dialect, clock, authorizer), null);
            if (removingActor != null) {
                var actor = removingActor;
                registered(entityManagerFactory).guard.route((session, type, id) -> {
                    DataLifecycle joined = lifecycle.with(session);
                    dev.datalifecycle.api.Actor who = actor.get();
                    joined.delete(joined.plan(type, id, who), who, "removed through the EntityManager");
                });
            }
            return lifecycle;
        }
    }

    /**
     * Starts boot settings for discovery (soft-deletable entities, rules, plain references) to pass
     * as {@code EntityManagerFactory} properties; see {@link LifecycleJpaSettings}.
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
        return registered(entityManagerFactory).result().model();
    }

    /**
     * The start-up report of the model: one line per dependency with its rule and where the rule came
     * from (mapping default, a parent's cascade, annotation, settings, catalog), and a warning with a
     * {@code CREATE INDEX} statement for each reference column no index starts with. It is also
     * logged at INFO when the model is first read.
     */
    public static java.util.List<String> report(EntityManagerFactory entityManagerFactory) {
        return registered(entityManagerFactory).result().report();
    }

    private static LifecycleIntegrator.Registered registered(EntityManagerFactory entityManagerFactory) {
        LifecycleIntegrator.Registered registered = LifecycleIntegrator.registered(entityManagerFactory.unwrap(SessionFactoryImplementor.class));
        if (registered == null) {
            throw new LifecycleException("Data Lifecycle did not take part in the boot of this EntityManagerFactory: check that "
                    + "lifecycle-jpa is on the class path Hibernate boots from and that " + LifecycleIntegrator.ENABLED + " is not false");
        }
        return registered;
    }
}
