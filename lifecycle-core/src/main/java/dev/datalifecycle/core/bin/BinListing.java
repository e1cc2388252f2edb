package dev.datalifecycle.core.bin;

import dev.datalifecycle.api.Actor;
import dev.datalifecycle.api.BinEntry;
import dev.datalifecycle.api.BinMember;
import dev.datalifecycle.api.BinPage;
import dev.datalifecycle.api.BinQuery;
import dev.datalifecycle.api.BinState;
import dev.datalifecycle.api.RecordNotFoundException;
import dev.datalifecycle.core.model.EntityType;
import dev.datalifecycle.core.model.LifecycleModel;
import dev.datalifecycle.core.sql.Dialect;
import dev.datalifecycle.core.sql.SqlBuilder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The recycle bin as users see it: a tenant's deletions, newest first, in keyset pages, and the
 * records of one deletion. Three statements a page of deletions (the page, its counts, its roots),
 * one a page of records, whatever the bin holds.
 */
final class BinListing {

    private final LifecycleModel model;
    private final Dialect dialect;

    BinListing(LifecycleModel model, Dialect dialect) {
        this.model = model;
        this.dialect = dialect;
    }

    /** See {@link RecycleBin#list(Connection, BinQuery, Actor)}. */
    BinPage<BinEntry> list(Connection connection, BinQuery query, Actor actor) throws SQLException {
        SqlBuilder sql = new SqlBuilder(dialect).sql("SELECT id, root_type, label, actor_id, reason, deleted_at, expires_at, state"
                + " FROM lc_deletion WHERE state = ").bind(query.state().name());
        String tenant = actor.tenantId();
        if (model.tenants() && tenant != null) {
            sql.sql(" AND tenant_id = ").bind(tenant);
        }
        if (query.type() != null) {
            sql.sql(" AND root_type = ").bind(query.type());
        }
        if (query.deletedBy() != null) {
            sql.sql(" AND actor_id = ").bind(query.deletedBy());
        }
        if (query.from() != null) {
            sql.sql(" AND deleted_at >= ").bind(Timestamp.from(query.from()));
        }
        if (query.until() != null) {
            sql.sql(" AND deleted_at < ").bind(Timestamp.from(query.until()));
        }
        if (query.after() != null) {
            Cursor after = Cursor.parse(query.after());
            // Newest first: the next page holds what sorts after the cursor's deletion, however many were made since.
            sql.sql(" AND (deleted_at < ").bind(Timestamp.from(after.deletedAt())).sql(" OR (deleted_at = ")
                    .bind(Timestamp.from(after.deletedAt())).sql(" AND id < ").bind(after.id()).sql("))");
        }
        sql.sql(" ORDER BY deleted_at DESC, id DESC ").sql(dialect.limit(query.pageSize() + 1));
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement p = sql.prepare(connection); ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                rows.add(new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant(), rs.getString(8)});
            }
        }
        boolean more = rows.size() > query.pageSize();
        if (more) {
            rows = rows.subList(0, query.pageSize());
        }
        List<String> ids = rows.stream().map(r -> (String) r[0]).toList();
        Map<String, Map<String, Long>> counts = new HashMap<>();
        Map<String, Long> roots = new HashMap<>();
        if (!ids.isEmpty()) {
            try (PreparedStatement p = new SqlBuilder(dialect).sql("SELECT deletion_id, entity_type, records FROM lc_deletion_count"
                    + " WHERE deletion_id IN (").bindAll(ids).sql(") ORDER BY deletion_id, entity_type").prepare(connection);
                    ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    counts.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getLong(3));
                }
            }
            try (PreparedStatement p = new SqlBuilder(dialect).sql("SELECT deletion_id, COUNT(*) FROM lc_deletion_root"
                    + " WHERE deletion_id IN (").bindAll(ids).sql(") GROUP BY deletion_id").prepare(connection);
                    ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    roots.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        List<BinEntry> entries = new ArrayList<>();
        for (Object[] r : rows) {
            String id = (String) r[0];
            // Without root rows, the deletion's roots are its records of the root type (decision 012).
            long rootCount = roots.containsKey(id) ? roots.get(id) : counts.getOrDefault(id, Map.of()).getOrDefault((String) r[1], 0L);
            entries.add(new BinEntry(UUID.fromString(id), (String) r[1], (String) r[2], rootCount, (String) r[3],
                    (String) r[4], (Instant) r[5], (Instant) r[6], BinState.valueOf((String) r[7]), counts.getOrDefault(id, Map.of())));
        }
        Optional<String> next = more ? Optional.of(new Cursor(entries.get(entries.size() - 1).deletedAt(), ids.get(ids.size() - 1)).text())
                : Optional.empty();
        return new BinPage<>(entries, next);
    }

    /** See {@link RecycleBin#members(Connection, UUID, Actor, String, int, String)}. */
    BinPage<BinMember> members(Connection connection, UUID deletionId, Actor actor, String typeName, int pageSize, String after)
            throws SQLException {
        if (pageSize < 1 || pageSize > 1000) {
            throw new dev.datalifecycle.api.InvalidRequestException("pageSize must be between 1 and 1000, got " + pageSize);
        }
        EntityType type = model.type(typeName);
        try (PreparedStatement p = connection.prepareStatement("SELECT tenant_id FROM lc_deletion WHERE id = ?")) {
            p.setString(1, deletionId.toString());
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next() || (model.tenants() && actor.tenantId() != null && !actor.tenantId().equals(rs.getString(1)))) {
                    throw new RecordNotFoundException("Deletion", List.of(deletionId));
                }
            }
        }
        if (type.markers().isEmpty()) {
            return new BinPage<>(List.of(), Optional.empty());
        }
        SqlBuilder sql = new SqlBuilder(dialect).sql("SELECT ").id(type.idColumn()).sql(", ");
        if (type.label().isPresent()) {
            var label = type.label().get();
            if (label.column() != null) {
                sql.id(label.column());
            } else {
                sql.sql("(").sql(label.expression()).sql(")");
            }
        } else {
            sql.sql("NULL");
        }
        sql.sql(" FROM ").id(type.primaryTable().name()).sql(" WHERE ").id(type.markers().get().deletionIdColumn()).sql(" = ")
                .bind(deletionId.toString());
        if (type.discriminator() != null) {
            sql.sql(" AND ").id(type.discriminator().column()).sql(" IN (").bindAll(type.discriminator().values()).sql(")");
        }
        if (after != null) {
            sql.sql(" AND ").id(type.idColumn()).sql(" > ").bind(type.idType().parse(after));
        }
        sql.sql(" ORDER BY ").id(type.idColumn()).sql(" ").sql(dialect.limit(pageSize + 1));
        List<BinMember> members = new ArrayList<>();
        try (PreparedStatement p = sql.prepare(connection); ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                members.add(new BinMember(type.name(), type.idType().coerce(rs.getObject(1)), rs.getString(2)));
            }
        }
        boolean more = members.size() > pageSize;
        if (more) {
            members = members.subList(0, pageSize);
        }
        return new BinPage<>(members, more ? Optional.of(String.valueOf(members.get(members.size() - 1).id())) : Optional.empty());
    }

    /** Where a page of deletions ended: the last deletion's time and id. */
    private record Cursor(Instant deletedAt, String id) {

        String text() {
            return deletedAt + "~" + id;
        }

        static Cursor parse(String text) {
            int at = text.indexOf('~');
            try {
                if (at < 0) {
                    throw new DateTimeParseException("no ~", text, 0);
                }
                return new Cursor(Instant.parse(text.substring(0, at)), UUID.fromString(text.substring(at + 1)).toString());
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw new dev.datalifecycle.api.InvalidRequestException("'" + text + "' is not a bin cursor: pass the next() of the page before, unchanged", e);
            }
        }
    }
}
