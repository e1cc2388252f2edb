package dev.datalifecycle.jpa;

import dev.datalifecycle.core.model.LifecycleModel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.service.spi.SessionFactoryServiceRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plugs Data Lifecycle into the boot of every Hibernate {@code EntityManagerFactory} on the class
 * path (registered in {@code META-INF/services}, as Envers is): reads the model from the mappings
 * while they are still there, and keeps it for {@link LifecycleJpa#model}. A model the library cannot
 * work with fails the boot with one message listing every problem. Set
 * {@value #ENABLED} to {@code false} to leave a factory alone.
 */
public final class LifecycleIntegrator implements Integrator {

    /** The property that switches discovery off for one factory: {@code false}. */
    public static final String ENABLED = "dev.datalifecycle.enabled";

    private static final Logger LOG = LoggerFactory.getLogger(LifecycleIntegrator.class);
    private static final Map<SessionFactoryImplementor, LifecycleModel> MODELS = new ConcurrentHashMap<>();

    /** Called by Hibernate's service loader. */
    public LifecycleIntegrator() {
    }

    @Override
    public void integrate(Metadata metadata, BootstrapContext bootstrapContext, SessionFactoryImplementor sessionFactory) {
        Object enabled = sessionFactory.getProperties().get(ENABLED);
        if (enabled != null && "false".equalsIgnoreCase(enabled.toString())) {
            LOG.debug("Data Lifecycle skips {}: {}=false", sessionFactory.getName(), ENABLED);
            return;
        }
        Map<String, Object> settings = new java.util.LinkedHashMap<>();
        sessionFactory.getProperties().forEach((key, value) -> {
            if (key.startsWith(LifecycleJpaSettings.PREFIX)) {
                settings.put(key, value);
            }
        });
        ModelDiscovery.Result result = ModelDiscovery.discoverWithReport(metadata, settings, warning -> LOG.warn("Data Lifecycle: {}", warning));
        LifecycleModel model = result.model();
        if (LOG.isInfoEnabled()) {
            long soft = model.types().values().stream().filter(t -> t.softDeletable()).count();
            StringBuilder block = new StringBuilder("Data Lifecycle model of ").append(sessionFactory.getName() == null ? "this factory" : sessionFactory.getName())
                    .append(": ").append(model.types().size()).append(" types (").append(soft).append(" soft-deletable), ")
                    .append(model.dependencies().size()).append(" dependencies").append(model.tenants() ? ", tenants" : "");
            result.report().forEach(line -> block.append("\n  ").append(line));
            LOG.info(block.toString());
        }
        MODELS.put(sessionFactory, model);
    }

    @Override
    public void disintegrate(SessionFactoryImplementor sessionFactory, SessionFactoryServiceRegistry serviceRegistry) {
        MODELS.remove(sessionFactory);
    }

    static LifecycleModel model(SessionFactoryImplementor sessionFactory) {
        return MODELS.get(sessionFactory);
    }
}
