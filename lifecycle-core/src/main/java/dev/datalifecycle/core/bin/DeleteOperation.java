package dev.datalifecycle.core.bin;

import dev.datalifecycle.api.Actor;
import dev.datalifecycle.api.DeleteBlockedException;
import dev.datalifecycle.api.DeletePlan;
import dev.datalifecycle.api.DeleteRule;
import dev.datalifecycle.api.Deletion;
import dev.datalifecycle.api.StalePlanException;
import dev.datalifecycle.core.model.Dependency;
import dev.datalifecycle.core.model.DependencyKind;
import dev.datalifecycle.core.model.EntityType;
import dev.datalifecycle.core.model.IdType;
import dev.datalifecycle.core.model.LifecycleModel;
import dev.datalifecycle.core.model.Tenancy;
import dev.datalifecycle.core.plan.DeletePlanner;
import dev.datalifecycle.core.plan.PlanQueries;
import dev.datalifecycle.core.sql.Dialect;
import dev.datalifecycle.core.sql.SqlBuilder;
import dev.datalifecycle.core.sql.SqlFailures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;


/**
 * Delete into the bin: locks the roots, marks the plan's sets type by type, checks blockers with
 * locking reads, confirms the fingerprint from the marked rows, detaches and records the deletion.
 */
final class DeleteOperation {

    private final LifecycleModel model;
    private final Dialect dialect;
    private final Clock clock;
    private final Runnable afterLocking;

    DeleteOperation(LifecycleModel model, Dialect dialect, Clock clock, Runnable afterLocking) {
        this.model = model;
        this.dialect = dialect;
        this.clock = clock;
        this.afterLocking = afterLocking;
    }

    /** See {@link RecycleBin#delete(Connection, DeletePlan, Actor, String)}. */
    Deletion run(Connection connection, DeletePlan plan, Actor actor, String reason, boolean alone) throws SQLException {
        if (plan.blocked()) {
            throw new DeleteBlockedException(plan.rootType(), plan.rootIds(), plan.blockers());
        }
        return run(connection, plan.rootType(), plan.rootIds(), plan.fingerprint(), actor, reason, alone);
    }

    /**
     * Deletes the records {@code rawRootIds} of {@code rootType} with what goes with them. With an
     * expected fingerprint (a plan's), what the delete marks must be what the plan showed; without,
     * what it finds is what it deletes (a batch, planned and deleted in one go). Either way the roots
     * are locked and checked (by a locking read first, or, for a batch whose roots are all it marks of
     * their type, by marking them and counting), blockers are found with locking reads, and nothing
     * changes when a root is missing, in the bin already or blocked. With {@code alone}, the delete
     * is the only work of its transaction and the caller rolls that back whole when it fails, so it
     * takes no savepoint.
     */
    Deletion run(Connection connection, String rootType, List<Object> rawRootIds, String expected, Actor actor, String reason,
            boolean alone) throws SQLException {
        EntityType root = model.type(rootType);
        if (!root.softDeletable()) {
            throw new dev.datalifecycle.api.InvalidRequestException(root.name() + " is not soft-deletable: give it marker columns to delete it into the bin");
        }
        String tenant = PlanQueries.tenantOf(model, root, actor);
        List<Object> rootIds = rawRootIds.stream().map(id -> root.idType().coerce(id)).toList();
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        Timestamp at = Timestamp.from(now);
        PlanQueries sets = PlanQueries.of(model, dialect, root.name(), rootIds, tenant, id.toString());
        // Nothing in the deletion cascades into the root type: what it marks there is exactly the roots.
        boolean rootsAreTheRootTypesRecords = PlanQueries.rootsAreAllOfTheirType(model, root.name());
        // A batch has no plan to confirm, so no fingerprint to take, and when its roots are all it marks
        // of their type, marking them is what locks them and its count says whether all were there:
        // the roots are read only when one was not (decision 012).
        boolean confirming = expected != null;
        boolean lockFirst = confirming || !rootsAreTheRootTypesRecords;
        String operation = "delete of " + root.name() + " " + rootIds;
        BinTransactions.Step<Deletion> step = () -> {
            if (lockFirst) {
                lockRoots(connection, root, rootIds, tenant, null);
                afterLocking.run();
            }
            Map<String, DeletePlanner.Counted> counted = new LinkedHashMap<>();
            List<String> types = sets.types();
            // Without UPDATE ... RETURNING, the marking statements sum their rows' hashes as they go
            // (read back in one query) rather than each marked table being read again.
            boolean summing = confirming && dialect.keepsRunningSums();
            if (summing) {
                BinTransactions.execute(connection, new SqlBuilder(dialect).sql(dialect.resetRunningSums(types.size())));
            }
            for (int slot = 0; slot < types.size(); slot++) {
                String type = types.get(slot);
                DeletePlanner.Counted marked = mark(connection, model.type(type), sets, id, at, root.name(), rootIds, confirming,
                        summing ? slot : -1);
                if (marked != null) {
                    counted.put(type, marked);
                }
                if (!lockFirst && type.equals(root.name())) {
                    if (marked.count() != new java.util.HashSet<>(rootIds).size()) {
                        lockRoots(connection, root, rootIds, tenant, id.toString());
                        throw new dev.datalifecycle.api.LifecycleException("A delete marked " + marked.count() + " of its roots " + rootIds
                                + " and found no reason for the others");
                    }
                    afterLocking.run();
                }
            }
            if (summing) {
                readRunningSums(connection, types, counted);
            }
            checkBlockers(connection, sets, id, rootType, rootIds);
            Map<String, Long> counts = new LinkedHashMap<>();
            String fingerprint = null;
            if (confirming) {
                DeletePlan marked = sets.fingerprintMarked(connection, id.toString(), counted);
                if (!marked.fingerprint().equals(expected)) {
                    throw new StalePlanException(rootType, expected, marked.fingerprint());
                }
                fingerprint = marked.fingerprint();
                marked.deleted().forEach(e -> counts.merge(e.type(), e.count(), Long::sum));
            } else {
                counted.forEach((type, marked) -> {
                    if (marked.count() > 0) {
                        counts.put(type, marked.count());
                    }
                });
            }
            Instant expires = now.atOffset(ZoneOffset.UTC).plus(root.policy().binRetention()).toInstant();
            recordDeletion(connection, dialect, id, root, rootIds.get(0), tenant, actor, reason, fingerprint, at, Timestamp.from(expires));
            Map<String, Long> detached = new LinkedHashMap<>();
            for (Dependency d : sets.checked(DeleteRule.DETACH)) {
                long n = detach(connection, sets, d, id);
                if (n > 0) {
                    detached.put(d.name(), n);
                }
            }
            recordRootsAndCounts(connection, id, root, rootIds, counts, rootsAreTheRootTypesRecords);
            return new Deletion(id, root.name(), rootIds, counts, detached, actor.userId(), reason, now, expires);
        };
        return alone ? BinTransactions.alone(operation, step) : BinTransactions.atomically(connection, operation, step);
    }

    /** Puts each type's hash sum, kept by the session while marking, beside the count its UPDATE returned. */
    private void readRunningSums(Connection connection, List<String> types, Map<String, DeletePlanner.Counted> counted) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(dialect.readRunningSums(types.size()));
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            for (int slot = 0; slot < types.size(); slot++) {
                java.math.BigDecimal sum = rs.getBigDecimal(slot + 1);
                long count = counted.get(types.get(slot)).count();
                counted.put(types.get(slot), new DeletePlanner.Counted(count, count == 0 || sum == null ? "0" : sum.toPlainString()));
            }
        }
    }

    /**
     * Locks the roots, so two deletes of the same record queue up; checks they are there and live, or,
     * after marking as deletion {@code ours}, marked by it.
     */
    private void lockRoots(Connection connection, EntityType root, List<Object> rootIds, String tenant, String ours) throws SQLException {
        String marker = root.markers().orElseThrow().deletionIdColumn();
        SqlBuilder sql = new SqlBuilder(dialect).sql("SELECT p.").id(root.idColumn()).sql(", p.").id(marker).sql(" FROM ")
                .id(root.primaryTable().name()).sql(" p WHERE p.").id(root.idColumn()).sql(" IN (").bindAll(rootIds).sql(")");
        if (model.tenants() && root.tenancy() instanceof Tenancy.ByColumn byColumn) {
            sql.sql(" AND p.").id(byColumn.column()).sql(" = ").bind(tenant);
        }
        sql.sql(" FOR UPDATE");
        PlanQueries.checkRoots(connection, sql, root, rootIds, ours);
    }

    /**
     * One UPDATE per type: its live records in the delete's set get the deletion's id and time. Types
     * are marked parents first, so a type's records are those that reference records this deletion
     * has marked already (plain subqueries every database runs once, not per row); a type that
     * cascades into itself is marked through the planner's recursive query instead.
     */
    private DeletePlanner.Counted mark(Connection connection, EntityType type, PlanQueries sets, UUID id, Timestamp at, String rootType,
            List<Object> rootIds, boolean fingerprinted, int sumSlot) throws SQLException {
        try {
            return markTable(connection, type, sets, id, at, rootType, rootIds, fingerprinted, sumSlot);
        } catch (SQLException e) {
            // The marking statement's form differs by database; the failure names its table all the same.
            throw e instanceof SqlFailures.TableFailure ? e : new SqlFailures.TableFailure(type.primaryTable().name(), e);
        }
    }

    private DeletePlanner.Counted markTable(Connection connection, EntityType type, PlanQueries sets, UUID id, Timestamp at,
            String rootType, List<Object> rootIds, boolean fingerprinted, int sumSlot) throws SQLException {
        SqlBuilder deletionId = new SqlBuilder(dialect).bind(id.toString());
        if (sumSlot >= 0) {
            deletionId = dialect.summingValue(deletionId, DeletePlanner.hashOf(type.idType(), dialect, "p." + dialect.identifier(type.idColumn())),
                    sumSlot);
        }
        SqlBuilder setDeletionId = deletionId;
        SqlBuilder sql = dialect.stampedUpdate(at, time -> markingUpdate(type, sets, setDeletionId, time, id, rootType, rootIds));
        if (!fingerprinted || sumSlot >= 0) {
            try (PreparedStatement statement = sql.prepare(connection)) {
                return new DeletePlanner.Counted(statement.executeUpdate(), null);
            }
        }
        // Where the database hands back the changed ids cheaply (H2), their hashes are summed here:
        // DeletePlanner.hashOfNumber gives the same numbers as the plan's SQL.
        boolean numeric = type.idType() == IdType.LONG || type.idType() == IdType.INTEGER;
        SqlBuilder changed = numeric ? dialect.changedIds(sql, type.idColumn()) : null;
        if (changed != null) {
            long count = 0;
            long hashSum = 0;
            try (PreparedStatement statement = changed.prepare(connection); ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    hashSum = Math.addExact(hashSum, DeletePlanner.hashOfNumber(rs.getLong(1)));
                    count++;
                }
            }
            return new DeletePlanner.Counted(count, Long.toString(hashSum));
        }
        SqlBuilder summarised = dialect.summarisedUpdate(sql, type.idColumn(), changedId -> sets.countAndHashSum(type.name(), changedId));
        if (summarised == null) {
            BinTransactions.execute(connection, sql);
            return null;
        }
        try (PreparedStatement statement = summarised.prepare(connection); ResultSet rs = statement.executeQuery()) {
            rs.next();
            java.math.BigDecimal hashSum = rs.getBigDecimal(2);
            return new DeletePlanner.Counted(rs.getLong(1), hashSum == null ? "0" : hashSum.toPlainString());
        }
    }

    /** The marking UPDATE of {@code type}: its live records in the delete's set get {@code deletionId} and {@code time}. */
    private SqlBuilder markingUpdate(EntityType type, PlanQueries sets, SqlBuilder deletionId, SqlBuilder time, UUID id, String rootType,
            List<Object> rootIds) {
        var markers = type.markers().orElseThrow();
        SqlBuilder sql = new SqlBuilder(dialect).sql("UPDATE ").id(type.primaryTable().name()).sql(" p SET ")
                .id(markers.deletionIdColumn()).sql(" = ").append(deletionId).sql(", ").id(markers.deletedAtColumn()).sql(" = ").append(time);
        markers.deletedFlag().ifPresent(flag -> sql.sql(", ").id(flag).sql(" = ").bind(Boolean.TRUE));
        sql.sql(" WHERE p.").id(markers.deletionIdColumn()).sql(" IS NULL AND ");
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
                            .sql(" j WHERE ").append(markedReference(sets, "j", d, id, rootType, rootIds)).sql(")");
                } else if (d.table().equals(type.primaryTable().name())) {
                    sql.sql("(").append(markedReference(sets, "p", d, id, rootType, rootIds));
                    PlanQueries.ruleCondition(d.rule(), DeleteRule.CASCADE, "p", sql);
                    sql.sql(")");
                } else {
                    var table = type.table(d.table()).orElseThrow();
                    sql.sql("p.").id(type.idColumn()).sql(" IN (SELECT x.").id(table.idColumn()).sql(" FROM ").id(table.name())
                            .sql(" x WHERE ").append(markedReference(sets, "x", d, id, rootType, rootIds));
                    PlanQueries.ruleCondition(d.rule(), DeleteRule.CASCADE, "x", sql);
                    sql.sql(")");
                }
            }
            sql.sql(any ? ")" : "1 = 0)");
            sets.restrictTo(type, "p", sql);
        }
        return sql;
    }

    /**
     * {@code alias.column} points at a record this deletion marked. When the target is the root type
     * and nothing cascades into it, what the deletion marked there is exactly the roots: their ids
     * are bound as a list, which every database answers from the reference's index, instead of a
     * subquery over the marked rows.
     */
    private SqlBuilder markedReference(PlanQueries sets, String alias, Dependency d, UUID id, String rootType, List<Object> rootIds) {
        if (d.targetType().equals(rootType) && PlanQueries.rootsAreAllOfTheirType(model, rootType)) {
            return new SqlBuilder(dialect).column(alias, d.column()).sql(" IN (").bindAll(rootIds).sql(")");
        }
        return sets.markedReference(alias, d.column(), d.targetType(), id.toString());
    }

    /**
     * Locking reads, one per RESTRICT dependency: a live record that references what this deletion
     * marked. Locking reads see the latest committed rows (MariaDB's REPEATABLE READ snapshot would
     * not) and hold them until the caller commits.
     */
    private void checkBlockers(Connection connection, PlanQueries sets, UUID id, String rootType, List<Object> rootIds) throws SQLException {
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
                    throw new DeleteBlockedException(rootType, rootIds, now.blockers().isEmpty()
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
        BinTransactions.execute(connection, clear);
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
            BinTransactions.execute(connection, clear);
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

    /** The deletion's row in {@code lc_deletion}, in the bin. */
    /**
     * Records the deletion's row. When the root type has a label, the row is inserted by an
     * {@code INSERT ... SELECT} from the root record, so the label is read where it lies, in the same
     * statement, never by loading the record.
     *
     * @param labelFrom the root record whose label the deletion shows, or null for none
     */
    static void recordDeletion(Connection connection, Dialect dialect, UUID id, EntityType root, Object labelFrom, String tenant,
            Actor actor, String reason, String fingerprint, Timestamp at, Timestamp expires) throws SQLException {
        SqlBuilder sql = new SqlBuilder(dialect).sql("INSERT INTO lc_deletion (id, tenant_id, actor_id, reason, root_type, state,"
                + " fingerprint, deleted_at, expires_at, label) SELECT ").bind(id.toString()).sql(", ").bind(tenant).sql(", ")
                .bind(actor.userId()).sql(", ").bind(reason).sql(", ").bind(root.name()).sql(", 'IN_BIN', ").bind(fingerprint).sql(", ")
                .bind(at).sql(", ").bind(expires).sql(", ");
        if (root.label().isPresent() && labelFrom != null) {
            var label = root.label().get();
            sql.sql("SUBSTRING(");
            if (label.column() != null) {
                sql.id(label.column());
            } else {
                sql.sql("(").sql(label.expression()).sql(")");
            }
            sql.sql(", 1, 500) FROM ").id(root.primaryTable().name()).sql(" WHERE ").id(root.idColumn()).sql(" = ").bind(labelFrom);
        } else {
            sql.sql("NULL");
        }
        BinTransactions.execute(connection, sql);
    }

    /**
     * Records the deletion's counts, and its roots when they cannot be told from its records: when
     * nothing in the deletion cascades into the root type, the deletion's records of that type are
     * exactly its roots, and writing them again (500 rows a batch chunk, each checked against its
     * deletion's row) would cost as much as marking them (decision 012).
     */
    private void recordRootsAndCounts(Connection connection, UUID id, EntityType root, List<Object> rootIds, Map<String, Long> counts,
            boolean rootsAreTheRootTypesRecords) throws SQLException {
        if (!rootsAreTheRootTypesRecords) {
            recordRoots(connection, id, root, rootIds);
        }
        if (counts.isEmpty()) {
            return;
        }
        // One multi-row INSERT: a JDBC batch costs MariaDB's driver a prepare, an execute and a close.
        SqlBuilder insert = new SqlBuilder(dialect).sql("INSERT INTO lc_deletion_count (deletion_id, entity_type, records) VALUES ");
        String separator = "";
        for (Map.Entry<String, Long> count : counts.entrySet()) {
            insert.sql(separator).sql("(").bind(id.toString()).sql(", ").bind(count.getKey()).sql(", ").bind(count.getValue()).sql(")");
            separator = ", ";
        }
        BinTransactions.execute(connection, insert);
    }

    private void recordRoots(Connection connection, UUID id, EntityType root, List<Object> rootIds) throws SQLException {
        // One statement whatever the roots: a batch's 500 roots cost what one does, give or take the binds.
        BinTransactions.execute(connection, new SqlBuilder(dialect)
                .sql("INSERT INTO lc_deletion_root (deletion_id, entity_type, record_id) SELECT ").bind(id.toString()).sql(", ")
                .bind(root.name()).sql(", ").sql(dialect.idAsText("p." + dialect.identifier(root.idColumn()))).sql(" FROM ")
                .id(root.primaryTable().name()).sql(" p WHERE p.").id(root.idColumn()).sql(" IN (").bindAll(rootIds).sql(")"));
    }
}
