package dev.datalifecycle.jpa;

import dev.datalifecycle.api.LifecycleException;
import dev.datalifecycle.core.model.Catalog;
import dev.datalifecycle.core.model.LifecycleModel;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.jdbc.connections.spi.JdbcConnectionAccess;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.service.spi.SessionFactoryServiceRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plugs Data Lifecycle into the boot of every Hibernate {@code EntityManagerFactory} on the class
 * path (registered in {@code META-INF/services}, as Envers is). While the mappings are there it reads
 * the model from them, failing the boot with one message listing every problem; on first use
 * ({@link LifecycleJpa#model}) it adds what only the database catalog knows (the tables may not
 * exist yet at boot, when Hibernate creates them after its integrators run). Set {@value #ENABLED}
 * to {@code false} to leave a factory alone.
 */
public final class LifecycleIntegrator implements Integrator {

    /** The property that switches discovery off for one factory: {@code false}. */
    public static final String ENABLED = "dev.datalifecycle.enabled";

    private static final Logger LOG = LoggerFactory.getLogger(LifecycleIntegrator.class);
    private static final Map<SessionFactoryImplementor, Registered> FACTORIES = new ConcurrentHashMap<>();

    /** Called by Hibernate's service loader. */
    public LifecycleIntegrator() {
    }

    @Override
    public void integrate(Metadata metadata, BootstrapContext bootstrapContext, SessionFactoryImplementor sessionFactory) {
        Map<String, Object> settings = LifecycleJpaSettings.from(sessionFactory.getProperties());
        if (settings == null) {
            LOG.debug("Data Lifecycle skips {}: {}=false", sessionFactory.getName(), ENABLED);
            return;
        }
        // Fails the boot now if a setting or the mappings cannot be worked with; the catalog comes on first use.
        LifecycleJpaSettings.Options options = LifecycleJpaSettings.options(sessionFactory.getProperties());
        ModelDiscovery.Result mapped = ModelDiscovery.discoverWithReport(metadata, settings, null,
                warning -> LOG.warn("Data Lifecycle: {}", warning));
        Registered registered = new Registered(metadata, settings, sessionFactory);
        Map<String, String> softDeletable = new LinkedHashMap<>();
        var roots = ModelDiscovery.softDeletableRoots(metadata, settings);
        metadata.getEntityBindings().stream().filter(e -> roots.containsKey(e.getRootClass()))
                .forEach(e -> softDeletable.put(e.getEntityName(), e.getJpaEntityName()));
        var listeners = sessionFactory.getEventListenerRegistry();
        if (options.refuseHostDeletes() || options.routing() != null) {
            var deletes = listeners.getEventListenerGroup(org.hibernate.event.spi.EventType.DELETE);
            java.util.List<org.hibernate.event.spi.DeleteEventListener> hibernates = new java.util.ArrayList<>();
            deletes.listeners().forEach(hibernates::add);
            DirectDeleteGuard.Router router = options.routing() == null ? null : routed(registered, options);
            listeners.setListeners(org.hibernate.event.spi.EventType.DELETE, new DirectDeleteGuard(softDeletable, hibernates, router));
        } else {
            LOG.debug("Data Lifecycle leaves {}'s removes to Hibernate: {}=false", sessionFactory.getName(),
                    LifecycleJpaSettings.REFUSE_HOST_DELETES);
        }
        // Published once complete: the map is what another thread reads it through.
        FACTORIES.put(sessionFactory, registered);
        InsertGuard guard = null;
        if (!options.insertGuard()) {
            LOG.debug("Data Lifecycle adds no insert guard to {}: {}=false", sessionFactory.getName(), LifecycleJpaSettings.INSERT_GUARD);
        } else {
            try {
                guard = InsertGuard.of(metadata, mapped.model(), HibernateDialects.of(sessionFactory));
            } catch (dev.datalifecycle.api.UnsupportedDatabaseException e) {
                // The entry point refuses such a database when it is built; reads need no dialect.
                guard = null;
            }
        }
        if (guard != null) {
            listeners.appendListeners(org.hibernate.event.spi.EventType.PRE_INSERT, guard);
            listeners.appendListeners(org.hibernate.event.spi.EventType.PRE_UPDATE, guard);
            listeners.appendListeners(org.hibernate.event.spi.EventType.PRE_COLLECTION_RECREATE, guard);
            listeners.appendListeners(org.hibernate.event.spi.EventType.PRE_COLLECTION_UPDATE, guard);
            // After Hibernate's own: the check runs once the flush has written what it noted.
            listeners.appendListeners(org.hibernate.event.spi.EventType.FLUSH, guard);
            listeners.appendListeners(org.hibernate.event.spi.EventType.AUTO_FLUSH, guard);
        }
    }

    /**
     * Routes a remove through an entry point of the factory's own, built on the first routed remove
     * (the catalog is read then), in the remover's session and transaction, as the resolver's actor.
     */
    private static DirectDeleteGuard.Router routed(Registered registered, LifecycleJpaSettings.Options options) {
        return (session, type, id) -> {
            dev.datalifecycle.api.Actor actor = options.routing().currentActor();
            if (actor == null) {
                throw new LifecycleException("The " + LifecycleJpaSettings.ROUTE_REMOVES
                        + " resolver gave no actor for the remove of " + type + " " + id + ": nothing was deleted");
            }
            dev.datalifecycle.api.DataLifecycle joined = registered.routing(options)
                    .with(new SessionTransaction(session, registered.result().model()));
            joined.delete(joined.plan(type, id, actor), actor, "removed through the EntityManager");
        };
    }

    @Override
    public void disintegrate(SessionFactoryImplementor sessionFactory, SessionFactoryServiceRegistry serviceRegistry) {
        FACTORIES.remove(sessionFactory);
    }

    static Registered registered(SessionFactoryImplementor sessionFactory) {
        return FACTORIES.get(sessionFactory);
    }

    /** One factory's boot metamodel, kept until the model with the catalog has been read. */
    static final class Registered {
        private final Metadata metadata;
        private final Map<String, Object> settings;
        private final SessionFactoryImplementor sessionFactory;
        private volatile ModelDiscovery.Result result;
        /** The entry point routed removes go through, built on the first one. */
        private dev.datalifecycle.api.DataLifecycle routing;

        Registered(Metadata metadata, Map<String, Object> settings, SessionFactoryImplementor sessionFactory) {
            this.metadata = metadata;
            this.settings = settings;
            this.sessionFactory = sessionFactory;
        }

        synchronized dev.datalifecycle.api.DataLifecycle routing(LifecycleJpaSettings.Options options) {
            if (routing == null) {
                routing = LifecycleJpa.entryPoint(sessionFactory, java.time.Clock.systemUTC(), options.routingAuthorizer());
            }
            return routing;
        }

        synchronized ModelDiscovery.Result result() {
            if (result == null) {
                JdbcConnectionAccess access = sessionFactory.getJdbcServices().getBootstrapJdbcConnectionAccess();
                Catalog catalog;
                try {
                    Connection connection = access.obtainConnection();
                    try {
                        catalog = Catalog.read(connection);
                    } finally {
                        access.releaseConnection(connection);
                    }
                } catch (SQLException e) {
                    throw new LifecycleException("Data Lifecycle could not read the database catalog: " + e.getMessage(), e);
                }
                ModelDiscovery.Result discovered = ModelDiscovery.discoverWithReport(metadata, settings, catalog,
                        warning -> LOG.warn("Data Lifecycle: {}", warning));
                log(discovered);
                result = discovered;
            }
            return result;
        }

        private void log(ModelDiscovery.Result discovered) {
            if (!LOG.isInfoEnabled()) {
                return;
            }
            LifecycleModel model = discovered.model();
            long soft = model.types().values().stream().filter(t -> t.softDeletable()).count();
            StringBuilder block = new StringBuilder("Data Lifecycle model: ").append(model.types().size()).append(" types (")
                    .append(soft).append(" soft-deletable), ").append(model.dependencies().size()).append(" dependencies")
                    .append(model.tenants() ? ", tenants" : "");
            discovered.report().forEach(line -> block.append("\n  ").append(line));
            LOG.info(block.toString());
        }
    }
}
