package dev.datalifecycle.jpa;

import dev.datalifecycle.api.LifecycleException;
import dev.datalifecycle.core.model.LifecycleModel;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * The entry to Data Lifecycle for a Hibernate application. For now it hands out the model read from
 * the factory's mappings when it booted, completed on first use with what only the database catalog
 * knows; the operations (plan, delete, restore) follow.
 *
 * <pre>{@code
 * LifecycleModel model = LifecycleJpa.model(entityManagerFactory);
 * DeletePlan plan = new DeletePlanner(model, HibernateDialects.of(entityManagerFactory))
 *         .plan(connection, "Customer", List.of(42L), alice);
 * }</pre>
 */
public final class LifecycleJpa {

    private LifecycleJpa() {
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
