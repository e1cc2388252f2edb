package dev.datalifecycle.jpa;

import dev.datalifecycle.api.DirectDeleteRefusedException;
import java.util.Map;
import org.hibernate.event.spi.DeleteContext;
import org.hibernate.event.spi.DeleteEvent;
import org.hibernate.event.spi.DeleteEventListener;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Refuses Hibernate's own delete of a soft-deletable record, before its default listener runs: with
 * the soft-delete mapping switched on, Hibernate would otherwise set the deleted-at marker and nothing
 * else, leaving a row no deletion knows.
 */
final class DirectDeleteGuard implements DeleteEventListener {

    /** Hibernate entity name to the JPA name, for every entity of a soft-deletable hierarchy. */
    private final Map<String, String> softDeletable;

    DirectDeleteGuard(Map<String, String> softDeletable) {
        this.softDeletable = Map.copyOf(softDeletable);
    }

    @Override
    public void onDelete(DeleteEvent event) {
        check(event);
    }

    @Override
    public void onDelete(DeleteEvent event, DeleteContext transientEntities) {
        check(event);
    }

    private void check(DeleteEvent event) {
        Object entity = event.getObject();
        String name;
        var proxy = org.hibernate.proxy.HibernateProxy.extractLazyInitializer(entity);
        if (proxy != null && proxy.isUninitialized()) {
            // Not loaded: the proxy's own type names it, without a select to find its subclass.
            name = proxy.getEntityName();
        } else {
            Object loaded = proxy == null ? entity : proxy.getImplementation();
            EntityPersister persister = event.getSession().getEntityPersister(event.getEntityName(), loaded);
            name = persister.getEntityName();
        }
        String type = softDeletable.get(name);
        if (type != null) {
            throw new DirectDeleteRefusedException(type);
        }
    }
}
