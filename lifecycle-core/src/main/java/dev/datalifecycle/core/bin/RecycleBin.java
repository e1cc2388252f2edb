package dev.datalifecycle.core.bin;

import dev.datalifecycle.api.Actor;
import dev.datalifecycle.api.AlreadyDeletedException;
import dev.datalifecycle.api.DeleteBlockedException;
import dev.datalifecycle.api.DeletePlan;
import dev.datalifecycle.api.DeleteRule;
import dev.datalifecycle.api.Deletion;
import dev.datalifecycle.api.RecordNotFoundException;
import dev.datalifecycle.api.StalePlanException;
import dev.datalifecycle.core.model.Dependency;
import dev.datalifecycle.core.model.DependencyKind;
import dev.datalifecycle.core.model.EntityType;
import dev.datalifecycle.core.model.LifecycleModel;
import dev.datalifecycle.core.model.Tenancy;
import dev.datalifecycle.core.plan.PlanQueries;
import dev.datalifecycle.core.sql.Dialect;
import dev.datalifecycle.core.sql.SqlBuilder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The recycle bin over JDBC. {@link #delete} runs a confirmed plan as one deletion, on the caller's
 * connection and inside its transaction (it neither commits nor rolls back the caller's work; on
 * failure it rolls back to a savepoint of its own, so nothing it did remains). Needs the library's
 * tables ({@link LifecycleSchema}).
 *
 * <pre>{@code
 * RecycleBin bin = new RecycleBin(model, dialect, Clock.systemUTC());
 * DeletePlan plan = planner.plan(connection, "Customer", List.of(42L), alice);   // shown to the user
 * Deletion deletion = bin.delete(connection, plan, alice, "duplicate");         // "yes, delete"
 * connection.commit();
 * }</pre>
 *
 * <p>Statements: a fixed number per reached type and per checked dependency, never per record.
 */
public final class RecycleBin {

    private final LifecycleModel model;
    private final Dialect dialect;
    private final Clock clock;

    /** A recycle bin over {@code model} on a {@code dialect} database, with time from {@code clock}. */
    public RecycleBin(LifecycleModel model, Dialect dialect, Clock clock) {
        this.model = Objects.requireNonNull(model, "model");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Deletes what {@code plan} showed, as one deletion: the roots and every CASCADE record are
     * marked with the deletion's id and time, DETACH references are cleared (their old values kept
     * for restore), and the deletion is recorded. Refuses, changing nothing, when something blocks or
     * when what the delete would take is no longer what the plan showed.
     *
     * @throws DeleteBlockedException   when RESTRICT dependencies stand in the way (read with locking reads)
     * @throws StalePlanException       when the records the delete takes, detaches or is blocked by changed
     * @throws RecordNotFoundException  when a root is gone or in another tenant
     * @throws AlreadyDeletedException  when a root is in the bin already
     * @throws SQLException             when the database fails
     */
    public Deletion delete(Connection connection, DeletePlan plan, Actor actor, String reason) throws SQLException {
        EntityType root = model.type(plan.rootType());
        if (plan.blocked()) {
            throw new DeleteBlockedException(plan.rootType(), plan.rootIds(), plan.blockers());
        }
        if (!root.softDeletable()) {
            throw new IllegalArgumentException(root.name() + " is not soft-deletable: give it marker columns to delete it into the bin");
        }
        String tenant = tenant(root, actor);
        List<Object> rootIds = plan.rootIds().stream().map(id -> root.idType().coerce(id)).toList();
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        Timestamp at = Timestamp.from(now);
        PlanQueries sets = PlanQueries.of(model, dialect, root.name(), rootIds, tenant, id.toString());
        Savepoint savepoint = connection.setSavepoint();
        try {
            lockRoots(connection, root, rootIds, tenant);
            for (String type : sets.types()) {
                mark(connection, model.type(type), sets, id, at);
            }
            checkBlockers(connection, sets, id, plan);
            DeletePlan now2 = sets.measure(connection);
            if (!now2.fingerprint().equals(plan.fingerprint())) {
                throw new StalePlanException(plan.rootType(), plan.fingerprint(), now2.fingerprint());
            }
            Instant expires = now.atOffset(ZoneOffset.UTC).plus(root.policy().binRetention()).toInstant();
            recordDeletion(connection, id, root, tenant, actor, reason, plan.fingerprint(), at, Timestamp.from(expires));
            Map<String, Long> detached = new LinkedHashMap<>();
            for (Dependency d : sets.checked(DeleteRule.DETACH)) {
                long n = detach(connection, sets, d, id);
                if (n > 0) {
                    detached.put(d.name(), n);
                }
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            now2.deleted().forEach(e -> counts.merge(e.type(), e.count(), Long::sum));
            recordRootsAndCounts(connection, id, root, rootIds, counts);
            connection.releaseSavepoint(savepoint);
            return new Deletion(id, root.name(), rootIds, counts, detached, actor.userId(), reason, now, expires);
        } catch (SQLException | RuntimeException e) {
            connection.rollback(savepoint);
            throw e;
        }
    }

    private String tenant(EntityType root, Actor actor) {
        Objects.requireNonNull(actor, "actor");
        if (model.tenants() && actor.tenantId() == null && !(root.tenancy() instanceof Tenancy.Global)) {
            throw new IllegalArgumentException("Actor '" + actor.userId() + "' has no tenant, but records of " + root.name()
                    + " belong to tenants");
        }
        return actor.tenantId();
    }

    /** Locks the roots, so two deletes of the same record queue up; checks they are there and live. */
    private void lockRoots(Connection connection, EntityType root, List<Object> rootIds, String tenant) throws SQLException {
        String marker = root.markers().orElseThrow().deletionIdColumn();
        SqlBuilder sql = new SqlBuilder(dialect).sql("SELECT p.").id(root.idColumn()).sql(", p.").id(marker).sql(" FROM ")
                .id(root.primaryTable().name()).sql(" p WHERE p.").id(root.idColumn()).sql(" IN (").bindAll(rootIds).sql(")");
        if (model.tenants() && root.tenancy() instanceof Tenancy.ByColumn byColumn) {
            sql.sql(" AND p.").id(byColumn.column()).sql(" = ").bind(tenant);
        }
        sql.sql(" FOR UPDATE");
        Set<Object> missing = new LinkedHashSet<>(rootIds);
        List<Object> deleted = new ArrayList<>();
        try (PreparedStatement statement = sql.prepare(connection); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                Object rootId = root.idType().coerce(rs.getObject(1));
                missing.remove(rootId);
                if (rs.getObject(2) != null) {
                    deleted.add(rootId);
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new RecordNotFoundException(root.name(), List.copyOf(missing));
        }
        if (!deleted.isEmpty()) {
            throw new AlreadyDeletedException(root.name(), deleted);
        }
    }

    /** One UPDATE per type: its live records in the delete's set get the deletion's id and time. */
    private void mark(Connection connection, EntityType type, PlanQueries sets, UUID id, Timestamp at) throws SQLException {
        var markers = type.markers().orElseThrow();
        SqlBuilder sql = new SqlBuilder(dialect).sql("UPDATE ").id(type.primaryTable().name()).sql(" SET ")
                .id(markers.deletionIdColumn()).sql(" = ").bind(id.toString()).sql(", ").id(markers.deletedAtColumn()).sql(" = ").bind(at)
                .sql(" WHERE ").id(markers.deletionIdColumn()).sql(" IS NULL AND ").id(type.idColumn()).sql(" IN (")
                .append(sets.idsOf(type.name())).sql(")");
        try (PreparedStatement statement = sql.prepare(connection)) {
            statement.executeUpdate();
        }
    }

    /**
     * Locking reads, one per RESTRICT dependency: a live record that references what this deletion
     * marked. Locking reads see the latest committed rows (MariaDB's REPEATABLE READ snapshot would
     * not) and hold them until the caller commits.
     */
    private void checkBlockers(Connection connection, PlanQueries sets, UUID id, DeletePlan plan) throws SQLException {
        for (Dependency d : sets.checked(DeleteRule.RESTRICT)) {
            EntityType from = model.type(d.fromType());
            EntityType target = model.type(d.targetType());
            SqlBuilder sql = new SqlBuilder(dialect).sql("SELECT p.").id(from.idColumn()).sql(" FROM ").id(from.primaryTable().name()).sql(" p");
            String alias = "p";
            if (d.kind() == DependencyKind.JOIN_TABLE) {
                alias = "j";
                sql.sql(" JOIN ").id(d.table()).sql(" j ON ").column("j", d.ownerColumn()).sql(" = ").column("p", from.idColumn());
            } else if (!d.table().equals(from.primaryTable().name())) {
                alias = "x";
                var table = from.table(d.table()).orElseThrow();
                sql.sql(" JOIN ").id(table.name()).sql(" x ON ").column("x", table.idColumn()).sql(" = ").column("p", from.idColumn());
            }
            var targetMarker = target.markers().orElseThrow().deletionIdColumn();
            sql.sql(" WHERE ").column(alias, d.column()).sql(" IN (SELECT t.").id(target.idColumn()).sql(" FROM ")
                    .id(target.primaryTable().name()).sql(" t WHERE t.").id(targetMarker).sql(" = ").bind(id.toString()).sql(")");
            PlanQueries.ruleCondition(d.rule(), DeleteRule.RESTRICT, alias, sql);
            // Records this deletion marked go with it: they do not block.
            from.markers().ifPresent(m -> sql.sql(" AND p.").id(m.deletionIdColumn()).sql(" IS NULL"));
            sql.sql(" ").sql(dialect.sharedLockClause());
            try (PreparedStatement statement = sql.prepare(connection); ResultSet rs = statement.executeQuery()) {
                if (rs.next()) {
                    DeletePlan now = sets.measure(connection);
                    throw new DeleteBlockedException(plan.rootType(), plan.rootIds(), now.blockers().isEmpty()
                            ? List.of(new DeletePlan.Entry(d.fromType(), d.name(), 1, List.of(from.idType().coerce(rs.getObject(1)))))
                            : now.blockers());
                }
            }
        }
    }

    /** Keeps the old values of the references to clear, then clears them: two statements per dependency. */
    private long detach(Connection connection, PlanQueries sets, Dependency d, UUID id) throws SQLException {
        if (!d.inRecord()) {
            throw new UnsupportedOperationException(d.name() + ": DETACH on a join table is not supported yet");
        }
        SqlBuilder keep = new SqlBuilder(dialect).sql("INSERT INTO lc_detached_link (deletion_id, dependency, record_id, old_value) SELECT ")
                .bind(id.toString()).sql(", ").bind(d.name()).sql(", ").sql(dialect.idAsText("r.id")).sql(", ").sql(dialect.idAsText("r.ref"))
                .sql(" FROM (").append(sets.referencing(d, DeleteRule.DETACH)).sql(") r");
        long kept;
        try (PreparedStatement statement = keep.prepare(connection)) {
            kept = statement.executeUpdate();
        }
        if (kept == 0) {
            return 0;
        }
        EntityType from = model.type(d.fromType());
        String idColumn = from.table(d.table()).orElseThrow().idColumn();
        SqlBuilder clear = new SqlBuilder(dialect).sql("UPDATE ").id(d.table()).sql(" SET ").id(d.column()).sql(" = NULL WHERE ")
                .id(idColumn).sql(" IN (SELECT c.id FROM (").append(sets.referencing(d, DeleteRule.DETACH)).sql(") c)");
        try (PreparedStatement statement = clear.prepare(connection)) {
            statement.executeUpdate();
        }
        return kept;
    }

    private void recordDeletion(Connection connection, UUID id, EntityType root, String tenant, Actor actor, String reason,
            String fingerprint, Timestamp at, Timestamp expires) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("INSERT INTO lc_deletion (id, tenant_id, actor_id, reason, root_type,"
                + " state, fingerprint, deleted_at, expires_at) VALUES (?, ?, ?, ?, ?, 'IN_BIN', ?, ?, ?)")) {
            p.setString(1, id.toString());
            p.setString(2, tenant);
            p.setString(3, actor.userId());
            p.setString(4, reason);
            p.setString(5, root.name());
            p.setString(6, fingerprint);
            p.setTimestamp(7, at);
            p.setTimestamp(8, expires);
            p.executeUpdate();
        }
    }

    private void recordRootsAndCounts(Connection connection, UUID id, EntityType root, List<Object> rootIds, Map<String, Long> counts)
            throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("INSERT INTO lc_deletion_root (deletion_id, entity_type, record_id) VALUES (?, ?, ?)")) {
            for (Object rootId : rootIds) {
                p.setString(1, id.toString());
                p.setString(2, root.name());
                p.setString(3, rootId.toString());
                p.addBatch();
            }
            p.executeBatch();
        }
        try (PreparedStatement p = connection.prepareStatement("INSERT INTO lc_deletion_count (deletion_id, entity_type, records) VALUES (?, ?, ?)")) {
            for (Map.Entry<String, Long> count : counts.entrySet()) {
                p.setString(1, id.toString());
                p.setString(2, count.getKey());
                p.setLong(3, count.getValue());
                p.addBatch();
            }
            p.executeBatch();
        }
    }
}
