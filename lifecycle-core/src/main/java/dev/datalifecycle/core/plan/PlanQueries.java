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
     * Appends {@code AND} the conditions that make a row of {@code type} (aliased {@code alias}) one
     * of its records in the delete's tenant: discriminator, subclass table, tenant. Not liveness.
     */
    public void restrictTo(dev.datalifecycle.core.model.EntityType type, String alias, SqlBuilder into) {
        sql.visible(type, alias, into, false);
    }

    /** Appends {@code AND <the rows whose rule is rule>} on the columns of {@code alias}. */
    public static void ruleCondition(dev.datalifecycle.core.model.RuleSpec spec, DeleteRule rule, String alias, SqlBuilder into) {
        PlanSql.selected(spec, rule, alias, into);
    }

    private SqlBuilder wrap(PlanSql.Query query, String columns) {
        // A derived table around the WITH: MariaDB takes no WITH in front of UPDATE, and materialising it
        // lets an UPDATE read the table it changes.
        return new SqlBuilder(dialect).sql("SELECT lc_q.").sql(columns).sql(" FROM (").append(query.with()).append(query.select())
                .sql(") lc_q");
    }
}
