package dev.datalifecycle.jpa;

import dev.datalifecycle.core.model.EntityType;
import dev.datalifecycle.core.model.LifecycleModel;
import dev.datalifecycle.core.sql.SqlBuilder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hibernate.action.internal.BulkOperationCleanupAction;
import org.hibernate.engine.spi.EntityEntry;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.persister.entity.EntityPersister;

/**
 * What Hibernate must forget after the library changed rows behind its back: the records of one
 * deletion and the records whose reference it cleared (or set again) leave the session, else the
 * session keeps showing them and a later full-column UPDATE writes the old reference back; the
 * second-level entity and collection caches and the query cache drop the tables touched, now and
 * when the transaction ends. The lookups cost one statement per type the session holds records of,
 * not one per record.
 */
final class Forgetting {

    private final SessionImplementor session;
    private final List<Object> managed;
    private final List<EntityPersister> touched;

    private Forgetting(SessionImplementor session, List<Object> managed, List<EntityPersister> touched) {
        this.session = session;
        this.managed = managed;
        this.touched = touched;
    }

    /** Reads, while the deletions' markers and links are in place, what to forget. */
    static Forgetting of(SessionImplementor session, Connection connection, LifecycleModel model, List<UUID> deletionIds)
            throws SQLException {
        List<String> ids = deletionIds.stream().map(UUID::toString).toList();
        String in = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
        Set<String> types = new LinkedHashSet<>();
        try (PreparedStatement p = connection.prepareStatement("SELECT DISTINCT entity_type FROM lc_deletion_count WHERE deletion_id IN (" + in
                + ")")) {
            bind(p, 1, ids);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    types.add(rs.getString(1));
                }
            }
        }
        Map<String, List<String>> detachedByType = new LinkedHashMap<>();
        try (PreparedStatement p = connection.prepareStatement("SELECT DISTINCT dependency FROM lc_detached_link WHERE deletion_id IN (" + in
                + ")")) {
            bind(p, 1, ids);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    model.dependencies().stream().filter(d -> d.name().equals(name)).findFirst()
                            .ifPresent(d -> detachedByType.computeIfAbsent(d.fromType(), k -> new ArrayList<>()).add(name));
                }
            }
        }
        Set<String> affected = new LinkedHashSet<>(types);
        affected.addAll(detachedByType.keySet());

        Map<String, Map<Object, Object>> held = new HashMap<>();
        for (Map.Entry<Object, EntityEntry> entry : session.getPersistenceContextInternal().reentrantSafeEntityEntries()) {
            String type = entry.getValue().getPersister().getJpaEntityName();
            if (affected.contains(type) && entry.getValue().getId() != null) {
                held.computeIfAbsent(type, k -> new LinkedHashMap<>()).put(entry.getValue().getId(), entry.getKey());
            }
        }
        List<Object> managed = new ArrayList<>();
        var dialect = held.isEmpty() ? null : HibernateDialects.of(session.getFactory());
        for (var each : held.entrySet()) {
            EntityType type = model.type(each.getKey());
            Map<Object, Object> byId = each.getValue();
            if (types.contains(type.name())) {
                managed.addAll(marked(connection, dialect, type, ids, byId));
            }
            List<String> dependencies = detachedByType.get(type.name());
            if (dependencies != null) {
                managed.addAll(relinked(connection, ids, dependencies, byId));
            }
        }
        List<EntityPersister> touched = new ArrayList<>();
        session.getFactory().getMappingMetamodel().forEachEntityDescriptor(persister -> {
            if (affected.contains(persister.getJpaEntityName())) {
                touched.add(persister);
            }
        });
        return new Forgetting(session, managed, touched);
    }

    /** The held records of {@code type} that carry the deletion's id. */
    private static List<Object> marked(Connection connection, dev.datalifecycle.core.sql.Dialect dialect, EntityType type, List<String> deletionIds,
            Map<Object, Object> byId)
            throws SQLException {
        List<Object> found = new ArrayList<>();
        List<Object> ids = new ArrayList<>(byId.keySet());
        for (int from = 0; from < ids.size(); from += 500) {
            List<Object> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            SqlBuilder sql = new SqlBuilder(dialect).sql("SELECT ").id(type.idColumn())
                    .sql(" FROM ").id(type.primaryTable().name()).sql(" WHERE ").id(type.markers().orElseThrow().deletionIdColumn())
                    .sql(" IN (").bindAll(deletionIds).sql(") AND ").id(type.idColumn()).sql(" IN (").bindAll(chunk).sql(")");
            try (PreparedStatement p = sql.prepare(connection); ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    Object entity = byId.get(type.idType().coerce(rs.getObject(1)));
                    if (entity != null) {
                        found.add(entity);
                    }
                }
            }
        }
        return found;
    }

    /** The held records whose reference through one of {@code dependencies} the deletion cleared. */
    private static List<Object> relinked(Connection connection, List<String> deletionIds, List<String> dependencies, Map<Object, Object> byId)
            throws SQLException {
        Map<String, Object> byText = new HashMap<>();
        byId.forEach((id, entity) -> byText.put(String.valueOf(id), entity));
        List<Object> found = new ArrayList<>();
        List<String> ids = new ArrayList<>(byText.keySet());
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            StringBuilder sql = new StringBuilder("SELECT DISTINCT record_id FROM lc_detached_link WHERE deletion_id IN (")
                    .append(String.join(", ", java.util.Collections.nCopies(deletionIds.size(), "?"))).append(") AND dependency IN (");
            sql.append(String.join(", ", java.util.Collections.nCopies(dependencies.size(), "?"))).append(") AND record_id IN (")
                    .append(String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"))).append(")");
            try (PreparedStatement p = connection.prepareStatement(sql.toString())) {
                int i = bind(p, 1, deletionIds);
                for (String d : dependencies) {
                    p.setString(i++, d);
                }
                for (String id : chunk) {
                    p.setString(i++, id);
                }
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        found.add(byText.get(rs.getString(1)));
                    }
                }
            }
        }
        return found;
    }

    /** Binds {@code values} from position {@code from}; returns the next position. */
    private static int bind(PreparedStatement p, int from, List<String> values) throws SQLException {
        int i = from;
        for (String value : values) {
            p.setString(i++, value);
        }
        return i;
    }

    /** Detaches the records read and clears the caches of the types touched. */
    void run() {
        managed.forEach(session::detach);
        if (!touched.isEmpty()) {
            // What Hibernate itself does after a native DML statement: evict the entity and collection
            // regions of these types, and mark their tables updated for the query cache.
            BulkOperationCleanupAction.schedule(session, touched.toArray(EntityPersister[]::new));
        }
    }
}
