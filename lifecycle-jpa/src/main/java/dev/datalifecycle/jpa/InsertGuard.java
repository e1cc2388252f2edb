package dev.datalifecycle.jpa;

import dev.datalifecycle.api.DeleteRule;
import dev.datalifecycle.api.ReferenceToDeletedRecordException;
import dev.datalifecycle.core.model.Dependency;
import dev.datalifecycle.core.model.DependencyKind;
import dev.datalifecycle.core.model.EntityType;
import dev.datalifecycle.core.model.LifecycleModel;
import dev.datalifecycle.core.sql.Dialect;
import dev.datalifecycle.core.sql.SqlBuilder;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import org.hibernate.boot.Metadata;
import org.hibernate.collection.spi.PersistentCollection;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.event.spi.AbstractCollectionEvent;
import org.hibernate.event.spi.AutoFlushEvent;
import org.hibernate.event.spi.AutoFlushEventListener;
import org.hibernate.event.spi.FlushEvent;
import org.hibernate.event.spi.FlushEventListener;
import org.hibernate.event.spi.PreCollectionRecreateEvent;
import org.hibernate.event.spi.PreCollectionRecreateEventListener;
import org.hibernate.event.spi.PreCollectionUpdateEvent;
import org.hibernate.event.spi.PreCollectionUpdateEventListener;
import org.hibernate.event.spi.PreInsertEvent;
import org.hibernate.event.spi.PreInsertEventListener;
import org.hibernate.event.spi.PreUpdateEvent;
import org.hibernate.event.spi.PreUpdateEventListener;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;
import org.hibernate.mapping.ToOne;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.proxy.HibernateProxy;

/**
 * Keeps a write through Hibernate from putting a live record under a record being deleted. The
 * database's own foreign-key check does not: on PostgreSQL it takes a {@code FOR KEY SHARE} lock that
 * the marking {@code UPDATE} does not conflict with, and on MariaDB it waits and then succeeds, since
 * the row still exists. So each reference a flush writes (an insert, a changed reference, a link
 * added to a join table) to a soft-deletable type is noted, and once the flush has run, the records
 * referenced are read with a locking read, one statement per referenced type: a delete in progress
 * makes it wait and then shows the record deleted, and a delete that comes later waits for this
 * transaction and then sees the new record. A record found deleted is refused.
 */
final class InsertGuard implements PreInsertEventListener, PreUpdateEventListener, PreCollectionRecreateEventListener,
        PreCollectionUpdateEventListener, FlushEventListener, AutoFlushEventListener {

    /** A reference from an entity's attribute to a soft-deletable type. */
    private record Guarded(String property, String targetType) {
    }

    /** Entity name to its guarded attributes. */
    private final Map<String, List<Guarded>> attributes;
    /** Collection role to the soft-deletable type of its elements. */
    private final Map<String, String> links;
    private final Map<String, String> jpaNames;
    private final LifecycleModel model;
    private final Dialect dialect;
    /** Per session: referenced type to ids written since the last check, with the referencing type. */
    private final Map<SharedSessionContractImplementor, Map<String, Map<Object, String>>> pending =
            Collections.synchronizedMap(new WeakHashMap<>());
    private final Map<EntityPersister, int[]> indexes = Collections.synchronizedMap(new IdentityHashMap<>());

    private InsertGuard(Map<String, List<Guarded>> attributes, Map<String, String> links, Map<String, String> jpaNames,
            LifecycleModel model, Dialect dialect) {
        this.attributes = attributes;
        this.links = links;
        this.jpaNames = jpaNames;
        this.model = model;
        this.dialect = dialect;
    }

    /**
     * The guard for {@code model}'s references, or null when nothing references a soft-deletable type.
     * A reference whose only rule is IGNORE is left alone: it may point at a deleted record by design.
     */
    static InsertGuard of(Metadata metadata, LifecycleModel model, Dialect dialect) {
        Map<String, List<Guarded>> attributes = new HashMap<>();
        Map<String, String> links = new HashMap<>();
        Map<String, String> jpaNames = new HashMap<>();
        for (PersistentClass entity : metadata.getEntityBindings()) {
            jpaNames.put(entity.getEntityName(), entity.getJpaEntityName());
            for (Property property : entity.getPropertyClosure()) {
                if (property.getColumnSpan() != 1 || !(property.getSelectables().get(0) instanceof Column column)) {
                    continue;
                }
                String table = property.getValue().getTable().getName();
                guarded(model, entity.getJpaEntityName(), table, column.getName(), DependencyKind.FOREIGN_KEY, DependencyKind.DECLARED_REFERENCE)
                        .ifPresent(d -> attributes.computeIfAbsent(entity.getEntityName(), k -> new ArrayList<>())
                                .add(new Guarded(property.getName(), d.targetType())));
            }
        }
        for (org.hibernate.mapping.Collection collection : metadata.getCollectionBindings()) {
            if (collection.getElement() instanceof org.hibernate.mapping.ManyToOne element && element.getColumnSpan() == 1
                    && element.getSelectables().get(0) instanceof Column column) {
                String owner = collection.getOwner().getJpaEntityName();
                guarded(model, owner, collection.getCollectionTable().getName(), column.getName(), DependencyKind.JOIN_TABLE)
                        .ifPresent(d -> links.put(collection.getRole(), d.targetType()));
            }
        }
        return attributes.isEmpty() && links.isEmpty() ? null : new InsertGuard(attributes, links, jpaNames, model, dialect);
    }

    private static java.util.Optional<Dependency> guarded(LifecycleModel model, String fromType, String table, String column,
            DependencyKind... kinds) {
        Set<DependencyKind> wanted = EnumSet.copyOf(List.of(kinds));
        return model.dependencies().stream()
                .filter(d -> wanted.contains(d.kind()) && d.fromType().equals(fromType) && bare(d.table()).equalsIgnoreCase(bare(table))
                        && bare(d.column()).equalsIgnoreCase(bare(column)))
                .filter(d -> model.types().containsKey(d.targetType()) && model.type(d.targetType()).softDeletable())
                .filter(d -> !d.rule().possibleRules().equals(EnumSet.of(DeleteRule.IGNORE)))
                .findFirst();
    }

    private static String bare(String name) {
        return name.replace("\"", "").replace("`", "");
    }

    @Override
    public boolean onPreInsert(PreInsertEvent event) {
        note(event.getSession(), event.getPersister(), event.getState(), null);
        return false;
    }

    @Override
    public boolean onPreUpdate(PreUpdateEvent event) {
        note(event.getSession(), event.getPersister(), event.getState(), event.getOldState());
        return false;
    }

    private void note(SharedSessionContractImplementor session, EntityPersister persister, Object[] state, Object[] oldState) {
        List<Guarded> guarded = attributes.get(persister.getEntityName());
        if (guarded == null) {
            return;
        }
        int[] index = indexes.computeIfAbsent(persister, p -> {
            List<String> names = List.of(p.getPropertyNames());
            return guarded.stream().mapToInt(g -> names.indexOf(g.property())).toArray();
        });
        for (int i = 0; i < guarded.size(); i++) {
            if (index[i] < 0) {
                continue;
            }
            Object value = idOf(session, state[index[i]]);
            if (value != null && (oldState == null || !value.equals(idOf(session, oldState[index[i]])))) {
                add(session, guarded.get(i).targetType(), value, jpaNames.get(persister.getEntityName()));
            }
        }
    }

    @Override
    public void onPreRecreateCollection(PreCollectionRecreateEvent event) {
        noteLinks(event, false);
    }

    @Override
    public void onPreUpdateCollection(PreCollectionUpdateEvent event) {
        noteLinks(event, true);
    }

    private void noteLinks(AbstractCollectionEvent event, boolean againstSnapshot) {
        PersistentCollection<?> collection = event.getCollection();
        String target = links.get(collection.getRole());
        if (target == null) {
            return;
        }
        Set<Object> before = new HashSet<>();
        if (againstSnapshot && collection.getStoredSnapshot() instanceof Map<?, ?> map) {
            map.values().forEach(e -> before.add(idOf(event.getSession(), e)));
        } else if (againstSnapshot && collection.getStoredSnapshot() instanceof Collection<?> list) {
            list.forEach(e -> before.add(idOf(event.getSession(), e)));
        }
        var entries = collection.entries(event.getCollectionPersister());
        while (entries.hasNext()) {
            Object id = idOf(event.getSession(), entries.next());
            if (id != null && !before.contains(id)) {
                add(event.getSession(), target, id, jpaNames.get(event.getAffectedOwnerEntityName()));
            }
        }
    }

    /** The id of a referenced record: the value of a plain reference, or the id of an entity or proxy. */
    private static Object idOf(SharedSessionContractImplementor session, Object value) {
        if (value == null) {
            return null;
        }
        var proxy = HibernateProxy.extractLazyInitializer(value);
        if (proxy != null) {
            return proxy.getInternalIdentifier();
        }
        EntityPersister persister = session.getFactory().getMappingMetamodel().findEntityDescriptor(value.getClass());
        if (persister != null) {
            return persister.getIdentifier(value, session);
        }
        return value;
    }

    private void add(SharedSessionContractImplementor session, String targetType, Object id, String fromType) {
        pending.computeIfAbsent(session, s -> new LinkedHashMap<>()).computeIfAbsent(targetType, t -> new LinkedHashMap<>())
                .putIfAbsent(id, fromType);
    }

    @Override
    public void onFlush(FlushEvent event) {
        check(event.getSession());
    }

    @Override
    public void onAutoFlush(AutoFlushEvent event) {
        check(event.getSession());
    }

    /** The locking read of everything noted since the last check: one statement per type and 500 ids. */
    private void check(SharedSessionContractImplementor session) {
        Map<String, Map<Object, String>> noted = pending.remove(session);
        if (noted == null) {
            return;
        }
        session.doWork(connection -> {
            for (var byType : noted.entrySet()) {
                EntityType target = model.type(byType.getKey());
                List<Object> ids = new ArrayList<>(byType.getValue().keySet());
                for (int from = 0; from < ids.size(); from += 500) {
                    List<Object> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
                    SqlBuilder sql = new SqlBuilder(dialect).sql("SELECT ").id(target.idColumn()).sql(" FROM ").id(target.primaryTable().name())
                            .sql(" WHERE ").id(target.idColumn()).sql(" IN (").bindAll(chunk).sql(") AND ")
                            .id(target.markers().orElseThrow().deletionIdColumn()).sql(" IS NULL ").sql(dialect.sharedLockClause());
                    Set<Object> live = new HashSet<>();
                    try (PreparedStatement p = sql.prepare(connection); ResultSet rs = p.executeQuery()) {
                        while (rs.next()) {
                            live.add(target.idType().coerce(rs.getObject(1)));
                        }
                    }
                    for (Object id : chunk) {
                        if (!live.contains(target.idType().coerce(id))) {
                            throw new ReferenceToDeletedRecordException(byType.getValue().get(id), target.name(), id);
                        }
                    }
                }
            }
        });
    }
}
