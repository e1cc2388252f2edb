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
    /** Runs right after an operation has taken its locks: a seam for tests that force interleavings. */
    private volatile Runnable afterLocking = () -> { };

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
        return atomically(connection, "delete of " + root.name() + " " + rootIds, () -> {
            lockRoots(connection, root, rootIds, tenant);
            afterLocking.run();
            for (String type : sets.types()) {
                mark(connection, model.type(type), sets, id, at, root.name(), rootIds);
            }
            checkBlockers(connection, sets, id, plan);
            DeletePlan marked = sets.measureMarked(connection, id.toString());
            if (!marked.fingerprint().equals(plan.fingerprint())) {
                throw new StalePlanException(plan.rootType(), plan.fingerprint(), marked.fingerprint());
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
            marked.deleted().forEach(e -> counts.merge(e.type(), e.count(), Long::sum));
            recordRootsAndCounts(connection, id, root, rootIds, counts);
            return new Deletion(id, root.name(), rootIds, counts, detached, actor.userId(), reason, now, expires);
        });
    }

    /** For tests: {@code hook} runs after each operation has taken its locks, before it changes anything. */
    void afterLocking(Runnable hook) {
        this.afterLocking = Objects.requireNonNull(hook, "hook");
    }

    /**
     * A deadlock, a serialization failure or a lock timeout becomes {@link
     * dev.datalifecycle.api.ConcurrentChangeException}, which says a retry is safe; anything else is
     * returned as it is.
     */
    /** One step of an operation, run inside its savepoint. */
    private interface Step<T> {
        T run() throws SQLException;
    }

    /**
     * Runs {@code step} inside a savepoint of its own: on failure everything it did is undone and the
     * caller's earlier work stays; a collision with another transaction becomes {@link
     * dev.datalifecycle.api.ConcurrentChangeException}, naming {@code operation} (when given).
     */
    private static <T> T atomically(Connection connection, String operation, Step<T> step) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try {
            T result = step.run();
            connection.releaseSavepoint(savepoint);
            return result;
        } catch (SQLException e) {
            undo(connection, savepoint, e);
            RuntimeException collided = operation == null ? null : concurrent(operation, e);
            if (collided != null) {
                throw collided;
            }
            throw e;
        } catch (RuntimeException e) {
            undo(connection, savepoint, e);
            throw e;
        }
    }

    /**
     * Rolls back to the operation's savepoint. After a deadlock MariaDB has rolled back the whole
     * transaction already and the savepoint is gone: the original failure is what the caller needs,
     * so a failing rollback is attached to it rather than thrown instead of it.
     */
    private static void undo(Connection connection, Savepoint savepoint, Exception failure) {
        try {
            connection.rollback(savepoint);
        } catch (SQLException gone) {
            failure.addSuppressed(gone);
        }
    }

    private static RuntimeException concurrent(String operation, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        boolean collided = state.startsWith("40") || state.equals("HYT00") || state.equals("55P03") || e.getErrorCode() == 1205
                || e.getErrorCode() == 1213 || e.getErrorCode() == 50200;
        return collided ? new dev.datalifecycle.api.ConcurrentChangeException(operation, e) : null;
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

    /**
     * One UPDATE per type: its live records in the delete's set get the deletion's id and time. Types
     * are marked parents first, so a type's records are those that reference records this deletion
     * has marked already (plain subqueries every database runs once, not per row); a type that
     * cascades into itself is marked through the planner's recursive query instead.
     */
    private void mark(Connection connection, EntityType type, PlanQueries sets, UUID id, Timestamp at, String rootType,
            List<Object> rootIds) throws SQLException {
        var markers = type.markers().orElseThrow();
        SqlBuilder sql = new SqlBuilder(dialect).sql("UPDATE ").id(type.primaryTable().name()).sql(" p SET ")
                .id(markers.deletionIdColumn()).sql(" = ").bind(id.toString()).sql(", ").id(markers.deletedAtColumn()).sql(" = ").bind(at)
                .sql(" WHERE p.").id(markers.deletionIdColumn()).sql(" IS NULL AND ");
        if (sets.cyclic(type.name())) {
            sql.sql("p.").id(type.idColumn()).sql(" IN (").append(sets.idsOf(type.name())).sql(")");
        } else {
            sql.sql("(");
            boolean any = false;
            if (type.name().equals(rootType)) {
                sql.sql("p.").id(type.idColumn()).sql(" IN (").bindAll(rootIds).sql(")");
                any = true;
            }
            for (Dependency d : sets.cascadesInto(type.name())) {
                sql.sql(any ? " OR " : "");
                any = true;
                if (d.kind() == DependencyKind.JOIN_TABLE) {
                    sql.sql("p.").id(type.idColumn()).sql(" IN (SELECT j.").id(d.ownerColumn()).sql(" FROM ").id(d.table())
                            .sql(" j WHERE ").append(sets.markedReference("j", d.column(), d.targetType(), id.toString())).sql(")");
                } else if (d.table().equals(type.primaryTable().name())) {
                    sql.sql("(").append(sets.markedReference("p", d.column(), d.targetType(), id.toString()));
                    PlanQueries.ruleCondition(d.rule(), DeleteRule.CASCADE, "p", sql);
                    sql.sql(")");
                } else {
                    var table = type.table(d.table()).orElseThrow();
                    sql.sql("p.").id(type.idColumn()).sql(" IN (SELECT x.").id(table.idColumn()).sql(" FROM ").id(table.name())
                            .sql(" x WHERE ").append(sets.markedReference("x", d.column(), d.targetType(), id.toString()));
                    PlanQueries.ruleCondition(d.rule(), DeleteRule.CASCADE, "x", sql);
                    sql.sql(")");
                }
            }
            sql.sql(any ? ")" : "1 = 0)");
            sets.restrictTo(type, "p", sql);
        }
        execute(connection, sql);
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
            String alias = PlanQueries.joinReference(from, d, sql);
            var targetMarker = target.markers().orElseThrow().deletionIdColumn();
            sql.sql(" WHERE ").column(alias, d.column()).sql(" IN (SELECT t.").id(target.idColumn()).sql(" FROM ")
                    .id(target.primaryTable().name()).sql(" t WHERE t.").id(targetMarker).sql(" = ").bind(id.toString()).sql(")");
            PlanQueries.ruleCondition(d.rule(), DeleteRule.RESTRICT, alias, sql);
            // Records this deletion marked go with it: they do not block. Like the plan, only the tenant's.
            from.markers().ifPresent(m -> sql.sql(" AND p.").id(m.deletionIdColumn()).sql(" IS NULL"));
            sets.restrictTo(from, "p", sql);
            sql.sql(" ").sql(dialect.sharedLockClause());
            try (PreparedStatement statement = sql.prepare(connection); ResultSet rs = statement.executeQuery()) {
                if (rs.next()) {
                    DeletePlan now = sets.measureMarked(connection, id.toString());
                    throw new DeleteBlockedException(plan.rootType(), plan.rootIds(), now.blockers().isEmpty()
                            ? List.of(new DeletePlan.Entry(d.fromType(), d.name(), 1, List.of(from.idType().coerce(rs.getObject(1)))))
                            : now.blockers());
                }
            }
        }
    }

    /**
     * Keeps the old values of the references to clear, then clears them: two statements per
     * dependency. After marking, the records to detach are the tenant's live records whose reference
     * points at a record this deletion marked and whose rule for it is DETACH.
     */
    private long detach(Connection connection, PlanQueries sets, Dependency d, UUID id) throws SQLException {
        if (d.kind() == DependencyKind.JOIN_TABLE) {
            return detachLinks(connection, sets, d, id);
        }
        EntityType from = model.type(d.fromType());
        boolean primary = d.table().equals(from.primaryTable().name());
        String alias = primary ? "p" : "x";
        SqlBuilder keep = new SqlBuilder(dialect).sql("INSERT INTO lc_detached_link (deletion_id, dependency, record_id, old_value) SELECT ")
                .bind(id.toString()).sql(", ").bind(d.name()).sql(", ").sql(dialect.idAsText("p." + dialect.identifier(from.idColumn())))
                .sql(", ").sql(dialect.idAsText(alias + "." + dialect.identifier(d.column()))).sql(" FROM ").id(from.primaryTable().name()).sql(" p");
        PlanQueries.joinReference(from, d, keep);
        keep.sql(" WHERE ");
        detachable(keep, from, d, alias, id, sets);
        long kept;
        try (PreparedStatement statement = keep.prepare(connection)) {
            kept = statement.executeUpdate();
        }
        if (kept == 0) {
            return 0;
        }
        SqlBuilder clear = new SqlBuilder(dialect).sql("UPDATE ").id(d.table()).sql(" ").sql(alias).sql(" SET ").id(d.column())
                .sql(" = NULL WHERE ");
        if (primary) {
            detachable(clear, from, d, "p", id, sets);
        } else {
            var table = from.table(d.table()).orElseThrow();
            clear.append(sets.markedReference("x", d.column(), d.targetType(), id.toString()));
            PlanQueries.ruleCondition(d.rule(), DeleteRule.DETACH, "x", clear);
            clear.sql(" AND x.").id(table.idColumn()).sql(" IN (SELECT p.").id(from.idColumn()).sql(" FROM ").id(from.primaryTable().name())
                    .sql(" p WHERE 1 = 1");
            from.markers().ifPresent(m -> clear.sql(" AND p.").id(m.deletionIdColumn()).sql(" IS NULL"));
            sets.restrictTo(from, "p", clear);
            clear.sql(")");
        }
        execute(connection, clear);
        return kept;
    }

    /**
     * DETACH on a link table removes the links of live owners to the records this deletion marked,
     * keeping each (owner, target) pair so a restore can add it back: two statements.
     */
    private long detachLinks(Connection connection, PlanQueries sets, Dependency d, UUID id) throws SQLException {
        EntityType from = model.type(d.fromType());
        // DISTINCT: a link table without a primary key may hold the same link twice; restore adds it once.
        SqlBuilder keep = new SqlBuilder(dialect).sql("INSERT INTO lc_detached_link (deletion_id, dependency, record_id, old_value) SELECT DISTINCT ")
                .bind(id.toString()).sql(", ").bind(d.name()).sql(", ").sql(dialect.idAsText("j." + dialect.identifier(d.ownerColumn())))
                .sql(", ").sql(dialect.idAsText("j." + dialect.identifier(d.column()))).sql(" FROM ").id(from.primaryTable().name()).sql(" p");
        PlanQueries.joinReference(from, d, keep);
        keep.sql(" WHERE ");
        detachable(keep, from, d, "j", id, sets);
        long kept;
        try (PreparedStatement statement = keep.prepare(connection)) {
            kept = statement.executeUpdate();
        }
        if (kept > 0) {
            SqlBuilder clear = new SqlBuilder(dialect).sql("DELETE FROM ").id(d.table()).sql(" WHERE ").id(d.column()).sql(" IN (")
                    .append(sets.markedIds(d.targetType(), id.toString())).sql(") AND ").id(d.ownerColumn()).sql(" IN (SELECT p.")
                    .id(from.idColumn()).sql(" FROM ").id(from.primaryTable().name()).sql(" p WHERE 1 = 1");
            from.markers().ifPresent(m -> clear.sql(" AND p.").id(m.deletionIdColumn()).sql(" IS NULL"));
            sets.restrictTo(from, "p", clear);
            clear.sql(")");
            execute(connection, clear);
        }
        return kept;
    }

    /** {@code <ref> IN (marked targets) AND <DETACH rule> AND live AND the tenant's}, over {@code p} (and {@code alias}). */
    private void detachable(SqlBuilder sql, EntityType from, Dependency d, String alias, UUID id, PlanQueries sets) {
        String target = model.type(d.targetType()).primaryTable().name();
        if (target.equals(d.table())) {
            // An UPDATE may not read its own table in a correlated subquery on MariaDB (error 1093).
            sql.sql(alias).sql(".").id(d.column()).sql(" IN (").append(sets.markedIds(d.targetType(), id.toString())).sql(")");
        } else {
            sql.append(sets.markedReference(alias, d.column(), d.targetType(), id.toString()));
        }
        PlanQueries.ruleCondition(d.rule(), DeleteRule.DETACH, alias, sql);
        from.markers().ifPresent(m -> sql.sql(" AND p.").id(m.deletionIdColumn()).sql(" IS NULL"));
        sets.restrictTo(from, "p", sql);
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

    /**
     * Restores a deletion whole: exactly the rows it marked come back (not rows an earlier deletion
     * took), and the references it cleared are set again. Checks everything first and changes nothing
     * when a check fails.
     *
     * @throws RecordNotFoundException              when there is no such deletion in the actor's tenant
     * @throws dev.datalifecycle.api.NotInBinException when it was restored or purged already
     * @throws dev.datalifecycle.api.RestoreDependsOnDeletionException when one of its records references a
     *                                              record another deletion holds
     * @throws dev.datalifecycle.api.RestoreConflictException when a live record now holds one of its unique
     *                                              keys, or a cleared reference was set to something else since
     * @throws SQLException                         when the database fails
     */
    public void restore(Connection connection, UUID deletionId, Actor actor) throws SQLException {
        restore(connection, deletionId, actor, false);
    }

    /**
     * Restores a deletion whole; with {@code alsoWhatItNeeds}, a deletion holding a record one of its
     * records references is restored first (and so on), all in one go or not at all.
     *
     * @see #restore(Connection, UUID, Actor)
     */
    public void restore(Connection connection, UUID deletionId, Actor actor, boolean alsoWhatItNeeds) throws SQLException {
        if (!alsoWhatItNeeds) {
            restoreOne(connection, deletionId, actor);
            return;
        }
        atomically(connection, null, () -> {
            Set<UUID> restoring = new LinkedHashSet<>();
            restoreWithNeeds(connection, deletionId, actor, restoring);
            return null;
        });
    }

    private void restoreWithNeeds(Connection connection, UUID deletionId, Actor actor, Set<UUID> restoring) throws SQLException {
        if (!restoring.add(deletionId)) {
            throw new dev.datalifecycle.api.LifecycleException("Deletions " + restoring + " need each other's records: restore them"
                    + " one by one, clearing the references that tie them");
        }
        while (true) {
            try {
                restoreOne(connection, deletionId, actor);
                return;
            } catch (dev.datalifecycle.api.RestoreDependsOnDeletionException needs) {
                restoreWithNeeds(connection, needs.other(), actor, restoring);
            }
        }
    }

    private void restoreOne(Connection connection, UUID deletionId, Actor actor) throws SQLException {
        Objects.requireNonNull(actor, "actor");
        atomically(connection, "restore of deletion " + deletionId, () -> {
            List<EntityType> types = lockDeletion(connection, deletionId, actor);
            afterLocking.run();
            checkReferencedRecordsAreLive(connection, deletionId, types);
            checkUniqueKeys(connection, deletionId, types);
            List<Dependency> links = detachedDependencies(connection, deletionId);
            checkLinksUnchanged(connection, deletionId, links);
            Set<String> tables = new LinkedHashSet<>();
            for (EntityType type : types) {
                if (tables.add(type.primaryTable().name())) {
                    var markers = type.markers().orElseThrow();
                    SqlBuilder sql = new SqlBuilder(dialect).sql("UPDATE ").id(type.primaryTable().name()).sql(" SET ")
                            .id(markers.deletionIdColumn()).sql(" = NULL, ").id(markers.deletedAtColumn()).sql(" = NULL WHERE ")
                            .id(markers.deletionIdColumn()).sql(" = ").bind(deletionId.toString());
                    execute(connection, sql);
                }
            }
            for (Dependency d : links) {
                if (d.kind() == DependencyKind.JOIN_TABLE) {
                    addLinksBack(connection, deletionId, d);
                } else {
                    relink(connection, deletionId, d);
                }
            }
            try (PreparedStatement p = connection.prepareStatement(
                    "UPDATE lc_deletion SET state = 'RESTORED', restored_at = ? WHERE id = ?")) {
                p.setTimestamp(1, Timestamp.from(clock.instant()));
                p.setString(2, deletionId.toString());
                p.executeUpdate();
            }
            return null;
        });
    }

    /** Locks the deletion's row (a purge of it waits) and returns the types it took. */
    private List<EntityType> lockDeletion(Connection connection, UUID deletionId, Actor actor) throws SQLException {
        String state;
        try (PreparedStatement p = connection.prepareStatement("SELECT state, tenant_id FROM lc_deletion WHERE id = ? FOR UPDATE")) {
            p.setString(1, deletionId.toString());
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next() || (model.tenants() && !Objects.equals(rs.getString(2), actor.tenantId()))) {
                    throw new RecordNotFoundException("Deletion", List.of(deletionId));
                }
                state = rs.getString(1);
            }
        }
        if (!"IN_BIN".equals(state)) {
            throw new dev.datalifecycle.api.NotInBinException(deletionId, state);
        }
        List<EntityType> types = new ArrayList<>();
        try (PreparedStatement p = connection.prepareStatement("SELECT entity_type FROM lc_deletion_count WHERE deletion_id = ?")) {
            p.setString(1, deletionId.toString());
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    types.add(model.type(rs.getString(1)));
                }
            }
        }
        return types;
    }

    /** A restored record must not point at a record another deletion holds: one query per reference. */
    private void checkReferencedRecordsAreLive(Connection connection, UUID deletionId, List<EntityType> types) throws SQLException {
        Set<String> names = new LinkedHashSet<>();
        types.forEach(t -> names.add(t.name()));
        for (Dependency d : model.dependencies()) {
            EntityType target = model.type(d.targetType());
            if (!d.inRecord() || !names.contains(d.fromType()) || !target.softDeletable()
                    || d.rule().possibleRules().equals(java.util.EnumSet.of(DeleteRule.IGNORE))) {
                continue;
            }
            EntityType from = model.type(d.fromType());
            Object[] deleted = lockReferencedOutside(connection, deletionId, from, d, target);
            if (deleted == null) {
                continue;
            }
            // Which of the deletion's own records points there: those rows are locked with the deletion.
            SqlBuilder sql = new SqlBuilder(dialect).sql("SELECT p.").id(from.idColumn()).sql(" FROM ").id(from.primaryTable().name()).sql(" p");
            String alias = PlanQueries.joinReference(from, d, sql);
            sql.sql(" WHERE p.").id(from.markers().orElseThrow().deletionIdColumn()).sql(" = ").bind(deletionId.toString())
                    .sql(" AND ").column(alias, d.column()).sql(" = ").bind(deleted[0]).sql(" ORDER BY p.").id(from.idColumn()).sql(" ")
                    .sql(dialect.limit(1));
            try (PreparedStatement statement = sql.prepare(connection); ResultSet rs = statement.executeQuery()) {
                rs.next();
                throw new dev.datalifecycle.api.RestoreDependsOnDeletionException(deletionId,
                        from.name() + " " + rs.getObject(1) + " (" + d.name() + ")", target.name() + " " + deleted[0],
                        UUID.fromString((String) deleted[1]));
            }
        }
    }

    /**
     * Locks, with a locking read, the records outside the deletion that its records reference
     * through {@code d}, so that no delete can take them until the restore commits; the locking read
     * also sees what committed since MariaDB's snapshot. Returns the id and deletion of the first of
     * them found in the bin, or {@code null}.
     */
    private Object[] lockReferencedOutside(Connection connection, UUID deletionId, EntityType from, Dependency d, EntityType target)
            throws SQLException {
        String targetMarker = target.markers().orElseThrow().deletionIdColumn();
        SqlBuilder joins = new SqlBuilder(dialect);
        String alias = PlanQueries.joinReference(from, d, joins);
        SqlBuilder referenced = new SqlBuilder(dialect).sql("SELECT ").column(alias, d.column()).sql(" FROM ")
                .id(from.primaryTable().name()).sql(" p").append(joins);
        referenced.sql(" WHERE p.").id(from.markers().orElseThrow().deletionIdColumn()).sql(" = ").bind(deletionId.toString());
        SqlBuilder sql = new SqlBuilder(dialect).sql("SELECT t.").id(target.idColumn()).sql(", t.").id(targetMarker).sql(" FROM ")
                .id(target.primaryTable().name())
                .sql(" t WHERE t.").id(target.idColumn()).sql(" IN (").append(referenced).sql(") AND (t.").id(targetMarker)
                .sql(" IS NULL OR t.").id(targetMarker).sql(" <> ").bind(deletionId.toString()).sql(") ").sql(dialect.sharedLockClause());
        Object[] deleted = null;
        try (PreparedStatement statement = sql.prepare(connection); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                if (deleted == null && rs.getString(2) != null) {
                    deleted = new Object[] {target.idType().coerce(rs.getObject(1)), rs.getString(2)};
                }
            }
        }
        return deleted;
    }

    /** No live record may hold a unique key a restored record has: one query per key, found before any change. */
    private void checkUniqueKeys(Connection connection, UUID deletionId, List<EntityType> types) throws SQLException {
        for (EntityType type : types) {
            String marker = type.markers().orElseThrow().deletionIdColumn();
            for (var key : type.uniqueKeys()) {
                var table = type.table(key.table()).orElseThrow();
                boolean primary = table.name().equals(type.primaryTable().name());
                SqlBuilder sql = new SqlBuilder(dialect).sql("SELECT d.").id(table.idColumn()).sql(", l.").id(table.idColumn())
                        .sql(" FROM ").id(table.name()).sql(" d JOIN ").id(table.name()).sql(" l ON ");
                for (int i = 0; i < key.columns().size(); i++) {
                    sql.sql(i > 0 ? " AND " : "").column("l", key.columns().get(i)).sql(" = ").column("d", key.columns().get(i));
                }
                sql.sql(" AND l.").id(table.idColumn()).sql(" <> d.").id(table.idColumn());
                String dm = "d";
                String lm = "l";
                if (!primary) {
                    dm = "dp";
                    lm = "lp";
                    sql.sql(" JOIN ").id(type.primaryTable().name()).sql(" dp ON dp.").id(type.idColumn()).sql(" = d.").id(table.idColumn())
                            .sql(" JOIN ").id(type.primaryTable().name()).sql(" lp ON lp.").id(type.idColumn()).sql(" = l.").id(table.idColumn());
                }
                sql.sql(" WHERE ").column(dm, marker).sql(" = ").bind(deletionId.toString()).sql(" AND ").column(lm, marker).sql(" IS NULL")
                        .sql(" ORDER BY d.").id(table.idColumn()).sql(" ").sql(dialect.limit(1));
                try (PreparedStatement statement = sql.prepare(connection); ResultSet rs = statement.executeQuery()) {
                    if (rs.next()) {
                        throw new dev.datalifecycle.api.RestoreConflictException("Deletion " + deletionId + " cannot be restored: "
                                + type.name() + " " + rs.getObject(1) + " would take unique key " + key.name() + " " + key.columns()
                                + ", which live " + type.name() + " " + rs.getObject(2) + " holds now. Change or delete one of them first");
                    }
                }
            }
        }
    }

    private List<Dependency> detachedDependencies(Connection connection, UUID deletionId) throws SQLException {
        List<Dependency> found = new ArrayList<>();
        try (PreparedStatement p = connection.prepareStatement("SELECT DISTINCT dependency FROM lc_detached_link WHERE deletion_id = ?")) {
            p.setString(1, deletionId.toString());
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    found.add(model.dependencies().stream().filter(d -> d.name().equals(name)).findFirst()
                            .orElseThrow(() -> new dev.datalifecycle.api.LifecycleException("Deletion " + deletionId + " detached "
                                    + name + ", which the model no longer has: restore it with the model it was deleted with")));
                }
            }
        }
        return found;
    }

    /** A reference the delete cleared and someone has set since is a conflict: one query per dependency. */
    private void checkLinksUnchanged(Connection connection, UUID deletionId, List<Dependency> links) throws SQLException {
        for (Dependency d : links) {
            if (d.kind() == DependencyKind.JOIN_TABLE) {
                continue; // links are a set: one added since is no conflict, and restore does not add it twice
            }
            var table = model.type(d.fromType()).table(d.table()).orElseThrow();
            SqlBuilder sql = new SqlBuilder(dialect).sql("SELECT l.record_id, l.old_value, ").sql(dialect.idAsText("x." + dialect.identifier(d.column())))
                    .sql(" FROM lc_detached_link l JOIN ").id(table.name()).sql(" x ON ").sql(dialect.idAsText("x." + dialect.identifier(table.idColumn())))
                    .sql(" = l.record_id WHERE l.deletion_id = ").bind(deletionId.toString()).sql(" AND l.dependency = ").bind(d.name())
                    .sql(" AND x.").id(d.column()).sql(" IS NOT NULL AND ").sql(dialect.idAsText("x." + dialect.identifier(d.column())))
                    .sql(" <> l.old_value ORDER BY l.record_id ").sql(dialect.limit(1));
            try (PreparedStatement statement = sql.prepare(connection); ResultSet rs = statement.executeQuery()) {
                if (rs.next()) {
                    throw new dev.datalifecycle.api.RestoreConflictException("Deletion " + deletionId + " cannot be restored: it cleared "
                            + d.name() + " of " + d.fromType() + " " + rs.getString(1) + " (was " + rs.getString(2) + "), which now holds "
                            + rs.getString(3) + ". Clear it or leave it as it is and restore without the link");
                }
            }
        }
    }

    /** Sets the cleared references again where they are still empty: one UPDATE per dependency. */
    private void relink(Connection connection, UUID deletionId, Dependency d) throws SQLException {
        var table = model.type(d.fromType()).table(d.table()).orElseThrow();
        var targetType = model.type(d.targetType()).idType();
        String self = dialect.identifier(table.name()) + "." + dialect.identifier(table.idColumn());
        SqlBuilder sql = new SqlBuilder(dialect).sql("UPDATE ").id(table.name()).sql(" SET ").id(d.column()).sql(" = (SELECT ")
                .sql(dialect.textAsId("l.old_value", targetType)).sql(" FROM lc_detached_link l WHERE l.deletion_id = ")
                .bind(deletionId.toString()).sql(" AND l.dependency = ").bind(d.name()).sql(" AND l.record_id = ").sql(dialect.idAsText(self))
                .sql(") WHERE ").id(d.column()).sql(" IS NULL AND ").sql(dialect.idAsText(self))
                .sql(" IN (SELECT r.record_id FROM lc_detached_link r WHERE r.deletion_id = ").bind(deletionId.toString())
                .sql(" AND r.dependency = ").bind(d.name()).sql(")");
        execute(connection, sql);
    }

    /**
     * Adds back the links a DETACH removed, where the owner still exists and the link is not there
     * again already: one INSERT per link table.
     */
    private void addLinksBack(Connection connection, UUID deletionId, Dependency d) throws SQLException {
        EntityType owner = model.type(d.fromType());
        String ownerId = dialect.textAsId("l.record_id", owner.idType());
        String targetId = dialect.textAsId("l.old_value", model.type(d.targetType()).idType());
        SqlBuilder sql = new SqlBuilder(dialect).sql("INSERT INTO ").id(d.table()).sql(" (").id(d.ownerColumn()).sql(", ").id(d.column())
                .sql(") SELECT ").sql(ownerId).sql(", ").sql(targetId).sql(" FROM lc_detached_link l WHERE l.deletion_id = ")
                .bind(deletionId.toString()).sql(" AND l.dependency = ").bind(d.name()).sql(" AND EXISTS (SELECT 1 FROM ")
                .id(owner.primaryTable().name()).sql(" o WHERE o.").id(owner.idColumn()).sql(" = ").sql(ownerId)
                .sql(") AND NOT EXISTS (SELECT 1 FROM ").id(d.table()).sql(" x WHERE x.").id(d.ownerColumn()).sql(" = ").sql(ownerId)
                .sql(" AND x.").id(d.column()).sql(" = ").sql(targetId).sql(")");
        execute(connection, sql);
    }

    /**
     * Deletes a deletion's records for good, children before parents, with the link and collection
     * rows of its records; what stays is its tombstone (state PURGED, counts kept, label erased).
     * Checks first and changes nothing when records outside the deletion still reference its records.
     *
     * @throws RecordNotFoundException                when there is no such deletion in the actor's tenant
     * @throws dev.datalifecycle.api.NotInBinException when it was restored or purged already
     * @throws dev.datalifecycle.api.PurgeBlockedException when live records, or records of another
     *                                                deletion, reference its records
     * @throws SQLException                           when the database fails
     */
    public void purge(Connection connection, UUID deletionId, Actor actor) throws SQLException {
        Objects.requireNonNull(actor, "actor");
        atomically(connection, "purge of deletion " + deletionId, () -> {
            List<EntityType> types = lockDeletion(connection, deletionId, actor);
            afterLocking.run();
            Set<String> names = new LinkedHashSet<>();
            types.forEach(t -> names.add(t.name()));
            checkNothingOutsideReferences(connection, deletionId, names);
            for (Dependency d : model.dependencies()) {
                if (!d.inRecord() && names.contains(d.fromType())) {
                    // Link and collection rows go with their owner.
                    EntityType owner = model.type(d.fromType());
                    execute(connection, new SqlBuilder(dialect).sql("DELETE FROM ").id(d.table()).sql(" WHERE ").id(d.ownerColumn())
                            .sql(" IN (").append(markedOf(owner, deletionId)).sql(")"));
                }
            }
            for (Dependency d : model.dependencies()) {
                // References between records of this deletion are cleared first, so that deleting a
                // hierarchy does not trip foreign-key checks made row by row (MariaDB, H2).
                if (d.inRecord() && names.contains(d.fromType()) && names.contains(d.targetType())) {
                    EntityType from = model.type(d.fromType());
                    var table = from.table(d.table()).orElseThrow();
                    if (table.column(d.column()).nullable()) {
                        SqlBuilder sql = new SqlBuilder(dialect).sql("UPDATE ").id(table.name()).sql(" SET ").id(d.column())
                                .sql(" = NULL WHERE ").id(d.column()).sql(" IS NOT NULL AND ");
                        if (table.name().equals(from.primaryTable().name())) {
                            sql.id(from.markers().orElseThrow().deletionIdColumn()).sql(" = ").bind(deletionId.toString());
                        } else {
                            sql.id(table.idColumn()).sql(" IN (").append(markedOf(from, deletionId)).sql(")");
                        }
                        execute(connection, sql);
                    }
                }
            }
            for (EntityType type : childrenFirst(types)) {
                for (int i = type.tables().size() - 1; i >= 1; i--) {
                    var table = type.tables().get(i);
                    execute(connection, new SqlBuilder(dialect).sql("DELETE FROM ").id(table.name()).sql(" WHERE ").id(table.idColumn())
                            .sql(" IN (").append(markedOf(type, deletionId)).sql(")"));
                }
            }
            Set<String> primaries = new LinkedHashSet<>();
            for (EntityType type : childrenFirst(types)) {
                if (primaries.add(type.primaryTable().name())) {
                    execute(connection, new SqlBuilder(dialect).sql("DELETE FROM ").id(type.primaryTable().name()).sql(" WHERE ")
                            .id(type.markers().orElseThrow().deletionIdColumn()).sql(" = ").bind(deletionId.toString()));
                }
            }
            try (PreparedStatement p = connection.prepareStatement("DELETE FROM lc_detached_link WHERE deletion_id = ?")) {
                p.setString(1, deletionId.toString());
                p.executeUpdate();
            }
            try (PreparedStatement p = connection.prepareStatement(
                    "UPDATE lc_deletion SET state = 'PURGED', purged_at = ?, label = NULL WHERE id = ?")) {
                p.setTimestamp(1, Timestamp.from(clock.instant()));
                p.setString(2, deletionId.toString());
                p.executeUpdate();
            }
            return null;
        });
    }

    /** {@code SELECT DISTINCT id FROM (rows of type this deletion marked)}, materialised for MariaDB. */
    private SqlBuilder markedOf(EntityType type, UUID deletionId) {
        return new SqlBuilder(dialect).sql("SELECT lc_m.id FROM (SELECT DISTINCT o.").id(type.idColumn()).sql(" AS id FROM ")
                .id(type.primaryTable().name()).sql(" o WHERE o.").id(type.markers().orElseThrow().deletionIdColumn()).sql(" = ")
                .bind(deletionId.toString()).sql(") lc_m");
    }

    /** No record outside the deletion may reference one of its records: one query per reference. */
    private void checkNothingOutsideReferences(Connection connection, UUID deletionId, Set<String> names) throws SQLException {
        for (Dependency d : model.dependencies()) {
            if (d.kind() == DependencyKind.ELEMENT_COLLECTION || !names.contains(d.targetType())) {
                continue;
            }
            EntityType from = model.type(d.fromType());
            EntityType target = model.type(d.targetType());
            SqlBuilder sql = new SqlBuilder(dialect).sql("SELECT p.").id(from.idColumn());
            from.markers().ifPresentOrElse(m -> sql.sql(", p.").id(m.deletionIdColumn()), () -> sql.sql(", NULL"));
            sql.sql(" FROM ").id(from.primaryTable().name()).sql(" p");
            String alias = PlanQueries.joinReference(from, d, sql);
            sql.sql(" WHERE ").column(alias, d.column()).sql(" IN (").append(markedOf(target, deletionId)).sql(")");
            from.markers().ifPresent(m -> sql.sql(" AND (p.").id(m.deletionIdColumn()).sql(" IS NULL OR p.").id(m.deletionIdColumn())
                    .sql(" <> ").bind(deletionId.toString()).sql(")"));
            sql.sql(" ORDER BY p.").id(from.idColumn()).sql(" ").sql(dialect.limit(1));
            try (PreparedStatement statement = sql.prepare(connection); ResultSet rs = statement.executeQuery()) {
                if (rs.next()) {
                    String holder = rs.getString(2);
                    throw new dev.datalifecycle.api.PurgeBlockedException("Deletion " + deletionId + " cannot be purged: "
                            + from.name() + " " + rs.getObject(1) + (holder == null ? ", a live record," : ", held by deletion " + holder + ",")
                            + " references its " + target.name() + " through " + d.name() + ". "
                            + (holder == null ? "Change or delete that record first" : "Purge or restore deletion " + holder + " first"));
                }
            }
        }
    }

    /** The types of a deletion, each before the types it references (children before parents). */
    private List<EntityType> childrenFirst(List<EntityType> types) {
        List<EntityType> ordered = new ArrayList<>();
        List<EntityType> left = new ArrayList<>(types);
        while (!left.isEmpty()) {
            EntityType next = left.stream()
                    .filter(candidate -> left.stream().noneMatch(other -> other != candidate && references(other, candidate)))
                    .findFirst().orElse(left.get(0)); // a cycle: its references were cleared first
            ordered.add(next);
            left.remove(next);
        }
        return ordered;
    }

    /** Whether records of {@code from} reference records of {@code target} through a NOT NULL column. */
    private boolean references(EntityType from, EntityType target) {
        return model.dependencies().stream().anyMatch(d -> d.inRecord() && d.fromType().equals(from.name())
                && d.targetType().equals(target.name()) && !from.table(d.table()).orElseThrow().column(d.column()).nullable());
    }

    private static void execute(Connection connection, SqlBuilder sql) throws SQLException {
        try (PreparedStatement statement = sql.prepare(connection)) {
            statement.executeUpdate();
        }
    }
}
