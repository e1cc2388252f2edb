package dev.datalifecycle.jpa;

import dev.datalifecycle.api.DirectDeleteRefusedException;
import java.util.List;
import java.util.Map;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.event.spi.DeleteContext;
import org.hibernate.event.spi.DeleteEvent;
import org.hibernate.event.spi.DeleteEventListener;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Stands in front of Hibernate's own delete listeners. A record of a type that is not soft-deletable
 * goes to them as before. A soft-deletable one never does: Hibernate would remove the row and skip
 * the delete rules and the recycle bin. It is refused, or, when the host opted in at boot
 * ({@link LifecycleJpaSettings#routeRemoves}), deleted through the library in the session's
 * transaction; a cascade from another record's removal is always refused, since the library decides
 * what goes with a record.
 */
final class DirectDeleteGuard implements DeleteEventListener {

    /** Deletes one record through the library, in the session's transaction. */
    @FunctionalInterface
    interface Router {
        /** Plans and deletes the record of {@code type} with {@code id}. */
        void delete(SessionImplementor session, String type, Object id);
    }

    /** Hibernate entity name to the JPA name, for every entity of a soft-deletable hierarchy. */
    private final Map<String, String> softDeletable;
    private final List<DeleteEventListener> hibernates;
    /** Routes removes through the library, or null: refuses them. Fixed at boot. */
    private final Router router;

    DirectDeleteGuard(Map<String, String> softDeletable, List<DeleteEventListener> hibernates, Router router) {
        this.softDeletable = Map.copyOf(softDeletable);
        this.hibernates = List.copyOf(hibernates);
        this.router = router;
    }

    @Override
    public void onDelete(DeleteEvent event) {
        if (!intercepted(event)) {
            hibernates.forEach(listener -> listener.onDelete(event));
        }
    }

    @Override
    public void onDelete(DeleteEvent event, DeleteContext transientEntities) {
        if (!intercepted(event)) {
            hibernates.forEach(listener -> listener.onDelete(event, transientEntities));
        }
    }

    /** Refuses or routes the removal of a soft-deletable record; false for any other record. */
    private boolean intercepted(DeleteEvent event) {
        Object entity = event.getObject();
        String name;
        Object id;
        var proxy = org.hibernate.proxy.HibernateProxy.extractLazyInitializer(entity);
        if (proxy != null && proxy.isUninitialized()) {
            // Not loaded: the proxy's own type names it, without a select to find its subclass.
            name = proxy.getEntityName();
            id = proxy.getInternalIdentifier();
        } else {
            Object loaded = proxy == null ? entity : proxy.getImplementation();
            EntityPersister persister = event.getSession().getEntityPersister(event.getEntityName(), loaded);
            name = persister.getEntityName();
            id = persister.getIdentifier(loaded, event.getSession());
        }
        String type = softDeletable.get(name);
        if (type == null) {
            return false;
        }
        Router routing = router;
        if (routing == null || event.getSession().getPersistenceContextInternal().getCascadeLevel() > 0) {
            throw new DirectDeleteRefusedException(type);
        }
        routing.delete(event.getSession(), type, id);
        return true;
    }
}
