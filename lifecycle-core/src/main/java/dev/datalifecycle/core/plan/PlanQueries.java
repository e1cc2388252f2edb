package dev.datalifecycle.core.plan;

import dev.datalifecycle.api.DeleteRule;
import dev.datalifecycle.core.model.Dependency;
import dev.datalifecycle.core.model.DependencyKind;
import dev.datalifecycle.core.model.LifecycleModel;
import dev.datalifecycle.core.sql.Dialect;
import dev.datalifecycle.core.sql.SqlBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The planner's sets as subqueries, for the engine's own operations (the recycle bin marks exactly
 * what the plan counted). Not for hosts: no compatibility promise.
 */
public final class PlanQueries {

    private final LifecycleModel model;
    private final Dialect dialect;
    private final Closure closure;
    private final PlanSql sql;
    private final String rootType;
    private final List<Object> rootIds;

    private PlanQueries(LifecycleModel model, Dialect dialect, Closure closure, PlanSql sql, String rootType, List<Object> rootIds) {
        this.model = model;
        this.dialect = dialect;
        this.closure = closure;
        this.sql = sql;
        this.rootType = rootType;
        this.rootIds = rootIds;
    }

    /**
     * The sets of a delete of {@code rootIds} (already coerced to the root type's ids) in
     * {@code tenant}, where rows marked by {@code ownDeletion} still count as live.
     */
    public static PlanQueries of(LifecycleModel model, Dialect dialect, String rootType, List<Object> rootIds, String tenant,
            String ownDeletion) {
        Closure closure = Closure.of(model, rootType);
        return new PlanQueries(model, dialect, closure, new PlanSql(model, dialect, closure, rootType, rootIds, tenant, ownDeletion),
                rootType, rootIds);
    }

    /** The types the delete reaches, parents first. */
    public List<String> types() {
        return closure.types();
    }

    /** The CASCADE dependencies by which records of {@code type} are reached. */
    public List<Dependency> cascadesInto(String type) {
        return closure.cascadesInto(type);
    }

    /**
     * Whether {@code type} cascades into itself, alone or through other types: its records are then
     * reached by a recursive query, not level by level.
     */
    public boolean cyclic(String type) {
        return closure.componentOf(type).size() > 1 || closure.cascadesInto(type).stream().anyMatch(d -> d.targetType().equals(type));
    }

    /** {@code SELECT id FROM (...) lc_q}: the records of {@code type} the delete reaches. */
    public SqlBuilder idsOf(String type) {
        PlanSql.Query query = sql.deleted(type);
        return wrap(query, "id");
    }

    /**
     * {@code SELECT id, ref FROM (...) lc_q}: the live records that get {@code rule} through the
     * in-record dependency {@code d} and are not deleted themselves, with the reference's value.
     */
    public SqlBuilder referencing(Dependency d, DeleteRule rule) {
        return wrap(sql.referencing(d, rule, true), "id, lc_q.ref");
    }

    /** The dependencies on reached types that may block (RESTRICT) or be detached, in plan order. */
    public List<Dependency> checked(DeleteRule rule) {
        List<Dependency> found = new ArrayList<>();
        for (String target : closure.types()) {
            for (Dependency d : model.dependenciesOn(target)) {
                if (d.kind() != DependencyKind.ELEMENT_COLLECTION && d.rule().possibleRules().contains(rule)) {
                    found.add(d);
                }
            }
        }
        return found;
    }

    /**
     * The plan of these sets as they are now (counts, first ids, fingerprint), without checking the
     * roots: with an own deletion, what it has marked so far counts as planned.
     */
    public dev.datalifecycle.api.DeletePlan measure(java.sql.Connection connection) throws java.sql.SQLException {
        return new DeletePlanner(model, dialect).measure(connection, closure, sql, rootType, rootIds);
    }

    /**
     * The plan of what the deletion {@code deletionId} has marked so far, measured from the rows that
     * carry its id (not through the planner's recursive sets, which some databases re-evaluate per
     * row): per type the records it marked; per dependency the live records that reference them with
     * rule RESTRICT or DETACH. Same counts, samples and fingerprint as a plan of the same records.
     */
    public dev.datalifecycle.api.DeletePlan measureMarked(java.sql.Connection connection, String deletionId) throws java.sql.SQLException {
        return measureMarked(connection, deletionId, true, java.util.Map.of());
    }

    /**
     * Like {@link #measureMarked(java.sql.Connection, String)} but without sample ids: counts and
     * fingerprint only, from one statement. What a delete needs to confirm what its plan showed.
     */
    public dev.datalifecycle.api.DeletePlan fingerprintMarked(java.sql.Connection connection, String deletionId,
            java.util.Map<String, DeletePlanner.Counted> known) throws java.sql.SQLException {
        return measureMarked(connection, deletionId, false, known);
    }

    private dev.datalifecycle.api.DeletePlan measureMarked(java.sql.Connection connection, String deletionId, boolean samples,
            java.util.Map<String, DeletePlanner.Counted> known) throws java.sql.SQLException {
        return new DeletePlanner(model, dialect).measure(connection, closure,
                type -> new PlanSql.Query(new SqlBuilder(dialect), marked(type, deletionId)),
                (d, rule) -> new PlanSql.Query(new SqlBuilder(dialect), referencingMarked(d, rule, deletionId)),
                rootType, rootIds, samples, known);
    }

    /** {@code COUNT(*), SUM(<hash of id>)}: what a fingerprint takes of a set of {@code type}'s ids, {@code id} an SQL expression. */
    public String countAndHashSum(String type, String id) {
        return "COUNT(*), SUM(" + DeletePlanner.hashOf(model.type(type).idType(), dialect, id) + ")";
    }

    private SqlBuilder marked(String typeName, String deletionId) {
        var type = model.type(typeName);
        SqlBuilder select = new SqlBuilder(dialect).sql("SELECT p.").id(type.idColumn()).sql(" AS id FROM ").id(type.primaryTable().name())
                .sql(" p WHERE p.").id(type.markers().orElseThrow().deletionIdColumn()).sql(" = ").bind(deletionId);
        restrictTo(type, "p", select);
        return select;
    }

    private SqlBuilder referencingMarked(Dependency d, DeleteRule rule, String deletionId) {
        var from = model.type(d.fromType());
        SqlBuilder select = new SqlBuilder(dialect).sql("SELECT DISTINCT p.").id(from.idColumn()).sql(" AS id FROM ")
                .id(from.primaryTable().name()).sql(" p");
        String alias = PlanSql.referenceAlias(from, d);
        PlanSql.joinReference(from, d, select);
        select.sql(" WHERE ").append(markedReference(alias, d.column(), d.targetType(), deletionId));
        ruleCondition(d.rule(), rule, alias, select);
        from.markers().ifPresent(m -> select.sql(" AND p.").id(m.deletionIdColumn()).sql(" IS NULL"));
        restrictTo(from, "p", select);
        return select;
    }

    /**
     * The reference {@code alias.column} points at a record of {@code targetType} the deletion marked:
     * {@code IN (the marked ids)}, or on databases that would re-run that per row
     * ({@link Dialect#rerunsInSubqueryAfterOwnChanges()}) a correlated {@code EXISTS} probe by id.
     */
    public SqlBuilder markedReference(String alias, String column, String targetType, String deletionId) {
        var type = model.type(targetType);
        if (!dialect.rerunsInSubqueryAfterOwnChanges()) {
            return new SqlBuilder(dialect).column(alias, column).sql(" IN (").append(markedIds(targetType, deletionId)).sql(")");
        }
        return new SqlBuilder(dialect).sql("EXISTS (SELECT 1 FROM ").id(type.primaryTable().name()).sql(" lc_t WHERE lc_t.")
                .id(type.idColumn()).sql(" = ").column(alias, column).sql(" AND lc_t.").id(type.markers().orElseThrow().deletionIdColumn())
                .sql(" = ").bind(deletionId).sql(")");
    }

    /**
     * {@code SELECT lc_m.id FROM (...) lc_m}: the ids of {@code type}'s records the deletion marked.
     * DISTINCT keeps MariaDB from merging the derived table into an UPDATE of the same table (1093).
     */
    public SqlBuilder markedIds(String typeName, String deletionId) {
        var type = model.type(typeName);
        return new SqlBuilder(dialect).sql("SELECT lc_m.id FROM (SELECT DISTINCT t.").id(type.idColumn()).sql(" AS id FROM ")
                .id(type.primaryTable().name()).sql(" t WHERE t.").id(type.markers().orElseThrow().deletionIdColumn()).sql(" = ")
                .bind(deletionId).sql(") lc_m");
    }

    /**
     * Appends {@code AND} the conditions that make a row of {@code type} (aliased {@code alias}) one
     * of its records in the delete's tenant: discriminator, subclass table, tenant. Not liveness.
     */
    public void restrictTo(dev.datalifecycle.core.model.EntityType type, String alias, SqlBuilder into) {
        sql.visible(type, alias, into, false);
    }

    /**
     * Appends the JOIN that brings the table holding {@code d}'s reference in beside {@code from}'s
     * primary table aliased {@code p}, and returns the alias to read the reference column under.
     */
    public static String joinReference(dev.datalifecycle.core.model.EntityType from, Dependency d, SqlBuilder into) {
        PlanSql.joinReference(from, d, into);
        return PlanSql.referenceAlias(from, d);
    }

    /**
     * Whether a deletion's records of its root type are exactly its roots: nothing a delete of that
     * type reaches cascades back into it (so the root type is in no cycle either).
     */
    public static boolean rootsAreAllOfTheirType(LifecycleModel model, String rootType) {
        return Closure.of(model, rootType).cascadesInto(rootType).isEmpty();
    }

    /**
     * The CASCADE dependency by which every record of {@code type} that a delete of {@code rootType}
     * marks was reached, when there is exactly one such path and no other type the delete reaches
     * shares {@code type}'s table; otherwise empty. Such records all reference, through it, a record of
     * the same deletion.
     */
    public static java.util.Optional<Dependency> onlyPathInto(LifecycleModel model, String rootType, String type) {
        if (type.equals(rootType)) {
            return java.util.Optional.empty();
        }
        Closure closure = Closure.of(model, rootType);
        List<Dependency> into = closure.cascadesInto(type);
        String table = model.type(type).primaryTable().name();
        boolean shared = closure.types().stream()
                .anyMatch(t -> !t.equals(type) && model.type(t).primaryTable().name().equals(table));
        return into.size() == 1 && !shared ? java.util.Optional.of(into.get(0)) : java.util.Optional.empty();
    }

    /** Appends {@code AND <the rows whose rule is rule>} on the columns of {@code alias}. */
    public static void ruleCondition(dev.datalifecycle.api.RuleSpec spec, DeleteRule rule, String alias, SqlBuilder into) {
        PlanSql.selected(spec, rule, alias, into);
    }

    private SqlBuilder wrap(PlanSql.Query query, String columns) {
        // A derived table around the WITH: MariaDB takes no WITH in front of UPDATE, and materialising it
        // lets an UPDATE read the table it changes.
        return new SqlBuilder(dialect).sql("SELECT lc_q.").sql(columns).sql(" FROM (").append(query.with()).append(query.select())
                .sql(") lc_q");
    }

    /**
     * The tenant an operation by {@code actor} on {@code root} runs in.
     *
     * @throws dev.datalifecycle.api.InvalidRequestException when the model has tenants, the type belongs to them, and the actor has none
     */
    public static String tenantOf(LifecycleModel model, dev.datalifecycle.core.model.EntityType root, dev.datalifecycle.api.Actor actor) {
        java.util.Objects.requireNonNull(actor, "actor");
        if (model.tenants() && actor.tenantId() == null && !(root.tenancy() instanceof dev.datalifecycle.core.model.Tenancy.Global)) {
            throw new dev.datalifecycle.api.InvalidRequestException("Actor '" + actor.userId() + "' has no tenant, but records of " + root.name()
                    + " belong to tenants");
        }
        return actor.tenantId();
    }

    /**
     * Runs {@code query}, which reads (id, deletion marker) of the roots, and checks every root is
     * there and live.
     *
     * @throws dev.datalifecycle.api.RecordNotFoundException when a root is missing (or another tenant's)
     * @throws dev.datalifecycle.api.AlreadyDeletedException when a root is in the bin
     */
    public static void checkRoots(java.sql.Connection connection, SqlBuilder query, dev.datalifecycle.core.model.EntityType root,
            List<Object> rootIds) throws java.sql.SQLException {
        checkRoots(connection, query, root, rootIds, null);
    }

    /**
     * Like {@link #checkRoots(java.sql.Connection, SqlBuilder, dev.datalifecycle.core.model.EntityType, List)}, after a
     * delete has marked what it could of the roots as deletion {@code ours}: those are fine, one still
     * live is one the marking could not take (another tenant's), so it answers like a missing one.
     */
    public static void checkRoots(java.sql.Connection connection, SqlBuilder query, dev.datalifecycle.core.model.EntityType root,
            List<Object> rootIds, String ours) throws java.sql.SQLException {
        java.util.Set<Object> missing = new java.util.LinkedHashSet<>(rootIds);
        List<Object> deleted = new java.util.ArrayList<>();
        try (java.sql.PreparedStatement statement = query.prepare(connection); java.sql.ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                Object id = root.idType().coerce(rs.getObject(1));
                String marker = rs.getString(2);
                if (ours != null && marker == null) {
                    continue;
                }
                missing.remove(id);
                if (marker != null && !marker.equals(ours)) {
                    deleted.add(id);
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new dev.datalifecycle.api.RecordNotFoundException(root.name(), List.copyOf(missing));
        }
        if (!deleted.isEmpty()) {
            throw new dev.datalifecycle.api.AlreadyDeletedException(root.name(), deleted);
        }
    }
}
