package dev.datalifecycle.jpa;

import dev.datalifecycle.api.LifecycleException;
import dev.datalifecycle.core.model.LifecycleModel;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * The entry to Data Lifecycle for a Hibernate application. For now it hands out the model read from
 * the factory's mappings when it booted; the operations (plan, delete, restore) follow.
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
        LifecycleModel model = LifecycleIntegrator.model(entityManagerFactory.unwrap(SessionFactoryImplementor.class));
        if (model == null) {
            throw new LifecycleException("Data Lifecycle did not take part in the boot of this EntityManagerFactory: check that "
                    + "lifecycle-jpa is on the class path Hibernate boots from and that " + LifecycleIntegrator.ENABLED + " is not false");
        }
        return model;
    }
}
