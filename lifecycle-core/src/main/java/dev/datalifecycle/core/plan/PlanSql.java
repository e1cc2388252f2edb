package dev.datalifecycle.core.plan;

import dev.datalifecycle.api.DeleteRule;
import dev.datalifecycle.core.model.Dependency;
import dev.datalifecycle.core.model.DependencyKind;
import dev.datalifecycle.core.model.EntityType;
import dev.datalifecycle.core.model.LifecycleModel;
import dev.datalifecycle.api.RuleSpec;
import dev.datalifecycle.core.model.Table;
import dev.datalifecycle.core.model.Tenancy;
import dev.datalifecycle.core.sql.CriteriaSql;
import dev.datalifecycle.core.sql.Dialect;
import dev.datalifecycle.core.sql.SqlBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the planner's SQL. The set of records a delete reaches is one common table expression per
 * entity type ({@code lc_s0}, {@code lc_s1}, ...), each defined from the roots and from the sets of
 * the types that cascade into it; a type that cascades into itself (an account hierarchy) is one
 * recursive expression whose {@code UNION} drops rows already reached, so cycles in the data end.
 * Every query is restricted to live records of the actor's tenant.
 */
final class PlanSql {

    private final LifecycleModel model;
    private final Dialect dialect;
    private final Closure closure;
    private final String rootType;
    private final List<Object> rootIds;
    private final String tenant;
    private final Map<String, String> names = new HashMap<>();
    private final Map<List<String>, String> cycleNames = new HashMap<>();

    private final String ownDeletion;

    PlanSql(LifecycleModel model, Dialect dialect, Closure closure, String rootType, List<Object> rootIds, String tenant) {
        this(model, dialect, closure, rootType, rootIds, tenant, null);
    }

    /**
     * @param ownDeletion a deletion in progress: rows it has marked count as live, so its later steps
     *                    still find them through the sets they belong to
     */
    PlanSql(LifecycleModel model, Dialect dialect, Closure closure, String rootType, List<Object> rootIds, String tenant,
            String ownDeletion) {
        this.ownDeletion = ownDeletion;
        this.model = model;
        this.dialect = dialect;
        this.closure = closure;
        this.rootType = rootType;
        this.rootIds = rootIds;
        this.tenant = tenant;
        List<String> types = closure.types();
        for (int i = 0; i < types.size(); i++) {
            names.put(types.get(i), "lc_s" + i);
        }
        List<List<String>> components = closure.components();
        for (int i = 0; i < components.size(); i++) {
            if (components.get(i).size() > 1) {
                cycleNames.put(components.get(i), "lc_c" + i);
            }
        }
    }

    /** The roots as they are now: id and whether each is live. */
    SqlBuilder roots() {
        EntityType type = model.type(rootType);
        SqlBuilder sql = new SqlBuilder(dialect).sql("SELECT ").column("p", type.idColumn());
        sql.sql(type.softDeletable() ? ", p." + dialect.identifier(type.markers().get().deletionIdColumn()) : ", NULL");
        sql.sql(" FROM ").id(type.primaryTable().name()).sql(" p WHERE ").column("p", type.idColumn()).sql(" IN (")
                .bindAll(rootIds).sql(")");
        visible(type, "p", sql, false);
        return sql;
    }

    /**
     * A query in two parts: the {@code WITH} clause, and a {@code SELECT} of one column {@code id}
     * that uses it; the caller wraps the select to count, fingerprint or page it.
     */
    record Query(SqlBuilder with, SqlBuilder select) {
    }

    /** The records of {@code type} the delete reaches. */
    Query deleted(String type) {
        // DISTINCT is needed only after H2's depth-counted recursion, which repeats rows, but it also
        // leads PostgreSQL to aggregate the set once instead of nesting the whole chain into the
        // window query (measured: 100,000 dependents in 151 ms instead of 334 ms).
        return new Query(with(List.of(type)), new SqlBuilder(dialect).sql("SELECT DISTINCT id FROM ").sql(names.get(type)));
    }

    /**
     * The live records of {@code d.fromType()} that get {@code rule} through {@code d} because they
     * reference a record the delete reaches, and are not themselves deleted by it.
     */
    Query referencing(Dependency d, DeleteRule rule) {
        return referencing(d, rule, false);
    }

    /** @param withValue also select the reference's current value as {@code ref} */
    Query referencing(Dependency d, DeleteRule rule, boolean withValue) {
        EntityType from = model.type(d.fromType());
        boolean fromDeleted = names.containsKey(from.name());
        List<String> needed = new ArrayList<>(List.of(d.targetType()));
        if (fromDeleted) {
            needed.add(from.name());
        }
        SqlBuilder with = with(needed);
        SqlBuilder sql = new SqlBuilder(dialect);
        // DISTINCT: a record has several links in a join table.
        String alias = referenceAlias(from, d);
        sql.sql("SELECT DISTINCT p.").id(from.idColumn()).sql(" AS id");
        if (withValue) {
            sql.sql(", ").column(alias, d.column()).sql(" AS ref");
        }
        sql.sql(" FROM ").id(from.primaryTable().name()).sql(" p");
        joinReference(from, d, sql);
        sql.sql(" WHERE ").column(alias, d.column()).sql(" IN (SELECT id FROM ").sql(names.get(d.targetType())).sql(")");
        selected(d.rule(), rule, alias, sql);
        visible(from, "p", sql, true);
        if (fromDeleted) {
            sql.sql(" AND p.").id(from.idColumn()).sql(" NOT IN (SELECT id FROM ").sql(names.get(from.name())).sql(")");
        }
        return new Query(with, sql);
    }

    /**
     * The alias under which the reference column of {@code d} is read when {@code from}'s primary table
     * is {@code p}: {@code p} itself, {@code x} for another of its tables, {@code j} for a link table.
     */
    static String referenceAlias(EntityType from, Dependency d) {
        return d.kind() == DependencyKind.JOIN_TABLE ? "j" : d.table().equals(from.primaryTable().name()) ? "p" : "x";
    }

    /** Appends the JOIN that brings the table of {@code d} in beside {@code p}; nothing for the primary table. */
    static void joinReference(EntityType from, Dependency d, SqlBuilder sql) {
        if (d.kind() == DependencyKind.JOIN_TABLE) {
            sql.sql(" JOIN ").id(d.table()).sql(" j ON ").column("j", d.ownerColumn()).sql(" = ").column("p", from.idColumn());
        } else if (!d.table().equals(from.primaryTable().name())) {
            Table table = from.table(d.table()).orElseThrow();
            sql.sql(" JOIN ").id(table.name()).sql(" x ON ").column("x", table.idColumn()).sql(" = ").column("p", from.idColumn());
        }
    }

    /** {@code WITH [RECURSIVE] lc_sA(id) AS (...), ...} for the types needed and those they build on. */
    private SqlBuilder with(List<String> types) {
        Set<String> needed = new LinkedHashSet<>();
        for (String type : types) {
            addWithSources(type, needed);
        }
        SqlBuilder sql = new SqlBuilder(dialect);
        boolean recursive = needed.stream().anyMatch(t -> selfCascading(t) || closure.componentOf(t).size() > 1);
        sql.sql(recursive ? "WITH RECURSIVE " : "WITH ");
        boolean first = true;
        for (List<String> component : closure.components()) {
            if (!needed.contains(component.get(0))) {
                continue;
            }
            if (component.size() > 1) {
                boolean counted = !dialect.recursiveUnionEndsCycles();
                sql.sql(first ? "" : ", ").sql(cycleNames.get(component)).sql(counted ? "(t, id, lc_depth) AS (" : "(t, id) AS (")
                        .append(cycle(component, counted)).sql(")");
                first = false;
                for (int k = 0; k < component.size(); k++) {
                    EntityType type = model.type(component.get(k));
                    sql.sql(", ").sql(names.get(type.name())).sql("(id) AS (SELECT p.").id(type.idColumn()).sql(" FROM ")
                            .id(type.primaryTable().name()).sql(" p WHERE ").sql(dialect.idAsText("p." + dialect.identifier(type.idColumn())))
                            .sql(" IN (SELECT c.id FROM ").sql(cycleNames.get(component)).sql(" c WHERE c.t = " + k + "))");
                }
                continue;
            }
            String type = component.get(0);
            if (!first) {
                sql.sql(", ");
            }
            first = false;
            boolean counted = selfCascading(type) && !dialect.recursiveUnionEndsCycles();
            sql.sql(names.get(type)).sql(counted ? "(id, lc_depth) AS (" : "(id) AS (").append(definition(type, counted)).sql(")");
        }
        return sql.sql(" ");
    }

    private void addWithSources(String type, Set<String> into) {
        if (!into.add(type)) {
            return;
        }
        for (String member : closure.componentOf(type)) {
            into.add(member);
            for (Dependency d : closure.cascadesInto(member)) {
                addWithSources(d.targetType(), into);
            }
        }
    }

    /**
     * The records of a group of types that cascade into each other, as (type index, id as text): one
     * recursive query over every cascade inside the group, seeded by the roots and the cascades from
     * outside. Ids become text so that types with different id types share a column; the per-type
     * sets then select their records by that text.
     */
    private SqlBuilder cycle(List<String> component, boolean counted) {
        String name = cycleNames.get(component);
        SqlBuilder sql = new SqlBuilder(dialect).sql("SELECT s0.t, s0.id").sql(counted ? ", 0" : "").sql(" FROM (");
        for (int k = 0; k < component.size(); k++) {
            EntityType type = model.type(component.get(k));
            if (k > 0) {
                sql.sql(" UNION ");
            }
            sql.sql("SELECT " + k + " AS t, ").sql(text("p", type.idColumn())).sql(" AS id FROM ").id(type.primaryTable().name())
                    .sql(" p WHERE (");
            boolean any = false;
            if (type.name().equals(rootType)) {
                sql.sql("p.").id(type.idColumn()).sql(" IN (").bindAll(rootIds).sql(")");
                any = true;
            }
            for (Dependency d : closure.cascadesInto(type.name())) {
                if (component.contains(d.targetType())) {
                    continue;
                }
                sql.sql(any ? " OR " : "");
                any = true;
                reachedThrough(type, d, sql);
            }
            sql.sql(any ? ")" : "1 = 0)");
            visible(type, "p", sql, true);
        }
        sql.sql(") s0 UNION ").sql(counted ? "ALL " : "").sql("SELECT e.t, e.id").sql(counted ? ", r.lc_depth + 1" : "")
                .sql(" FROM ").sql(name).sql(" r JOIN (");
        boolean firstEdge = true;
        for (int k = 0; k < component.size(); k++) {
            EntityType type = model.type(component.get(k));
            for (Dependency d : closure.cascadesInto(type.name())) {
                int source = component.indexOf(d.targetType());
                if (source < 0) {
                    continue;
                }
                sql.sql(firstEdge ? "" : " UNION ALL ");
                firstEdge = false;
                sql.sql("SELECT " + k + " AS t, ").sql(text("p", type.idColumn())).sql(" AS id, " + source + " AS src_t, ");
                String alias;
                if (d.kind() == DependencyKind.JOIN_TABLE) {
                    alias = "j";
                    sql.sql(text("j", d.column())).sql(" AS src_id FROM ").id(type.primaryTable().name()).sql(" p JOIN ").id(d.table())
                            .sql(" j ON ").column("j", d.ownerColumn()).sql(" = ").column("p", type.idColumn()).sql(" WHERE 1 = 1");
                } else {
                    alias = d.table().equals(type.primaryTable().name()) ? "p" : "x";
                    sql.sql(text(alias, d.column())).sql(" AS src_id FROM ").id(type.primaryTable().name()).sql(" p");
                    if (alias.equals("x")) {
                        Table table = type.table(d.table()).orElseThrow();
                        sql.sql(" JOIN ").id(table.name()).sql(" x ON ").column("x", table.idColumn()).sql(" = ").column("p", type.idColumn());
                    }
                    sql.sql(" WHERE ").column(alias, d.column()).sql(" IS NOT NULL");
                    selected(d.rule(), DeleteRule.CASCADE, alias, sql);
                }
                visible(type, "p", sql, true);
            }
        }
        sql.sql(") e ON e.src_t = r.t AND e.src_id = r.id");
        if (counted) {
            sql.sql(" WHERE r.lc_depth < (");
            for (int k = 0; k < component.size(); k++) {
                sql.sql(k > 0 ? " + " : "").sql("(SELECT COUNT(*) FROM ").id(model.type(component.get(k)).primaryTable().name()).sql(")");
            }
            sql.sql(")");
        }
        return sql;
    }

    private String text(String alias, String column) {
        return dialect.idAsText(alias + "." + dialect.identifier(column));
    }

    private boolean selfCascading(String type) {
        return closure.cascadesInto(type).stream().anyMatch(d -> d.targetType().equals(type));
    }

    /**
     * @param counted carry a depth and stop at the table's row count: on a database whose recursive
     *                UNION does not end cycles, no path without a repeat is longer than that, so the
     *                set is complete and a cycle ends (its rows repeat, and readers use DISTINCT or IN)
     */
    private SqlBuilder definition(String typeName, boolean counted) {
        EntityType type = model.type(typeName);
        SqlBuilder sql = new SqlBuilder(dialect);
        sql.sql("SELECT p.").id(type.idColumn()).sql(counted ? ", 0" : "").sql(" FROM ").id(type.primaryTable().name()).sql(" p WHERE (");
        boolean any = false;
        if (typeName.equals(rootType)) {
            sql.sql("p.").id(type.idColumn()).sql(" IN (").bindAll(rootIds).sql(")");
            any = true;
        }
        List<Dependency> self = new ArrayList<>();
        for (Dependency d : closure.cascadesInto(typeName)) {
            if (d.targetType().equals(typeName)) {
                self.add(d);
                continue;
            }
            if (any) {
                sql.sql(" OR ");
            }
            any = true;
            reachedThrough(type, d, sql);
        }
        if (!any) {
            sql.sql("1 = 0");
        }
        sql.sql(")");
        visible(type, "p", sql, true);
        if (!self.isEmpty()) {
            // One reference to the recursive set, joined on every self-reference at once: PostgreSQL
            // allows a recursive term to name the set only once.
            sql.sql(counted ? " UNION ALL SELECT p." : " UNION SELECT p.").id(type.idColumn())
                    .sql(counted ? ", r.lc_depth + 1" : "").sql(" FROM ").id(type.primaryTable().name()).sql(" p");
            Set<String> joined = new LinkedHashSet<>();
            for (Dependency d : self) {
                if (!d.table().equals(type.primaryTable().name()) && joined.add(d.table())) {
                    Table table = type.table(d.table()).orElseThrow();
                    sql.sql(" LEFT JOIN ").id(table.name()).sql(" ").sql(alias(type, d)).sql(" ON ")
                            .column(alias(type, d), table.idColumn()).sql(" = ").column("p", type.idColumn());
                }
            }
            sql.sql(" JOIN ").sql(names.get(typeName)).sql(" r ON (");
            for (int i = 0; i < self.size(); i++) {
                Dependency d = self.get(i);
                if (i > 0) {
                    sql.sql(" OR ");
                }
                sql.sql("(").column(alias(type, d), d.column()).sql(" = r.id");
                selected(d.rule(), DeleteRule.CASCADE, alias(type, d), sql);
                sql.sql(")");
            }
            sql.sql(") WHERE 1 = 1");
            if (counted) {
                sql.sql(" AND r.lc_depth < (SELECT COUNT(*) FROM ").id(type.primaryTable().name()).sql(")");
            }
            visible(type, "p", sql, true);
        }
        return sql;
    }

    private String alias(EntityType type, Dependency d) {
        if (d.table().equals(type.primaryTable().name())) {
            return "p";
        }
        return "t" + type.tables().stream().map(Table::name).toList().indexOf(d.table());
    }

    /** {@code p.id IN (records of type that reference the set of d's target and cascade)}. */
    private void reachedThrough(EntityType type, Dependency d, SqlBuilder sql) {
        String target = names.get(d.targetType());
        if (d.kind() == DependencyKind.JOIN_TABLE) {
            sql.sql("p.").id(type.idColumn()).sql(" IN (SELECT j.").id(d.ownerColumn()).sql(" FROM ").id(d.table())
                    .sql(" j WHERE j.").id(d.column()).sql(" IN (SELECT id FROM ").sql(target).sql("))");
        } else if (d.table().equals(type.primaryTable().name())) {
            sql.sql("(p.").id(d.column()).sql(" IN (SELECT id FROM ").sql(target).sql(")");
            selected(d.rule(), DeleteRule.CASCADE, "p", sql);
            sql.sql(")");
        } else {
            Table table = type.table(d.table()).orElseThrow();
            sql.sql("p.").id(type.idColumn()).sql(" IN (SELECT x.").id(table.idColumn()).sql(" FROM ").id(table.name())
                    .sql(" x WHERE x.").id(d.column()).sql(" IN (SELECT id FROM ").sql(target).sql(")");
            selected(d.rule(), DeleteRule.CASCADE, "x", sql);
            sql.sql(")");
        }
    }

    /**
     * {@code AND <the rows whose rule is rule>}: a branch counts for a row when it matches and no
     * earlier branch does; a row matching none gets the rule's {@code otherwise} (RESTRICT).
     */
    static void selected(RuleSpec spec, DeleteRule rule, String alias, SqlBuilder sql) {
        if (!spec.conditional()) {
            if (spec.otherwise() != rule) {
                sql.sql(" AND 1 = 0");
            }
            return;
        }
        List<SqlBuilder> cases = new ArrayList<>();
        List<RuleSpec.Branch> branches = spec.branches();
        for (int i = 0; i <= branches.size(); i++) {
            DeleteRule outcome = i < branches.size() ? branches.get(i).rule() : spec.otherwise();
            if (outcome != rule) {
                continue;
            }
            SqlBuilder c = new SqlBuilder(sql.dialect()).sql("(");
            boolean first = true;
            for (int k = 0; k < i; k++) {
                c.sql(first ? "" : " AND ").sql("NOT ");
                CriteriaSql.render(branches.get(k).when(), alias, c);
                first = false;
            }
            if (i < branches.size()) {
                c.sql(first ? "" : " AND ");
                CriteriaSql.render(branches.get(i).when(), alias, c);
                first = false;
            }
            if (first) {
                c.sql("1 = 1");
            }
            cases.add(c.sql(")"));
        }
        if (cases.isEmpty()) {
            sql.sql(" AND 1 = 0");
            return;
        }
        sql.sql(" AND (");
        for (int i = 0; i < cases.size(); i++) {
            if (i > 0) {
                sql.sql(" OR ");
            }
            sql.append(cases.get(i));
        }
        sql.sql(")");
    }

    /** {@code AND} the record is of this type (discriminator), in the tenant, and (if asked) live. */
    void visible(EntityType type, String alias, SqlBuilder sql, boolean liveOnly) {
        if (liveOnly && type.softDeletable()) {
            String marker = type.markers().get().deletionIdColumn();
            if (ownDeletion == null) {
                sql.sql(" AND ").column(alias, marker).sql(" IS NULL");
            } else {
                sql.sql(" AND (").column(alias, marker).sql(" IS NULL OR ").column(alias, marker).sql(" = ").bind(ownDeletion).sql(")");
            }
        }
        if (type.discriminator() != null) {
            sql.sql(" AND ").column(alias, type.discriminator().column()).sql(" IN (").bindAll(type.discriminator().values()).sql(")");
        }
        for (Table table : type.tables()) {
            if (table.identifying()) {
                sql.sql(" AND ").column(alias, type.idColumn()).sql(" IN (SELECT i.").id(table.idColumn()).sql(" FROM ").id(table.name())
                        .sql(" i)");
            }
        }
        if (!model.tenants()) {
            return;
        }
        if (type.tenancy() instanceof Tenancy.ByColumn byColumn) {
            sql.sql(" AND ").column(alias, byColumn.column()).sql(" = ").bind(tenant);
        } else if (type.tenancy() instanceof Tenancy.ByReference byReference) {
            EntityType owner = model.type(byReference.targetType());
            String column = ((Tenancy.ByColumn) owner.tenancy()).column();
            sql.sql(" AND ").column(alias, byReference.column()).sql(" IN (SELECT o.").id(owner.idColumn())
                    .sql(" FROM ").id(owner.primaryTable().name()).sql(" o WHERE o.").id(column).sql(" = ").bind(tenant).sql(")");
        }
    }
}
