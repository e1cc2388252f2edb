package dev.datalifecycle.core.model;

import dev.datalifecycle.api.RuleSpec;
import dev.datalifecycle.api.Criteria;
import dev.datalifecycle.api.DeleteRule;
import dev.datalifecycle.api.InvalidModelException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Builds a {@link LifecycleModel}. Nothing is checked until {@link #build()}, which checks everything
 * at once and throws one {@link InvalidModelException} listing every problem, each naming the entity
 * type and the attribute or column.
 */
public final class LifecycleModelBuilder {

    private final List<String> problems = new ArrayList<>();
    private final List<EntityTypeBuilder> typeBuilders = new ArrayList<>();
    private final List<Dependency> dependencies = new ArrayList<>();
    private boolean tenants;
    private java.time.Period binRetention = Policy.DEFAULT_BIN_RETENTION;

    LifecycleModelBuilder() {
    }

    /** Records belong to tenants: every soft-deletable type must say how (column, reference, or global). */
    public LifecycleModelBuilder tenants() {
        tenants = true;
        return this;
    }

    /** How long deletions stay in the recycle bin, for types that do not say (default 30 days). */
    public LifecycleModelBuilder binRetention(java.time.Period period) {
        binRetention = period;
        return this;
    }

    /**
     * Records a problem found while describing the model (by discovery, say), so that
     * {@link #build()} reports it together with every other one.
     */
    public LifecycleModelBuilder problem(String problem) {
        problems.add(problem);
        return this;
    }

    /** Declares an entity type. */
    public LifecycleModelBuilder type(String name, Consumer<EntityTypeBuilder> describe) {
        EntityTypeBuilder builder = new EntityTypeBuilder(name, problems);
        describe.accept(builder);
        typeBuilders.add(builder);
        return this;
    }

    /**
     * A foreign-key column of {@code fromType} (in whichever of its tables declares the column) that
     * references {@code targetType}, with its delete rule.
     */
    public LifecycleModelBuilder reference(String fromType, String column, String targetType, RuleSpec rule) {
        return add(DependencyKind.FOREIGN_KEY, fromType, null, column, null, targetType, rule);
    }

    /**
     * A foreign-key column in a given table of {@code fromType} (for types whose tables share column
     * names), or a declared reference when {@code declared} is true.
     */
    public LifecycleModelBuilder reference(String fromType, String table, String column, String targetType, RuleSpec rule,
            boolean declared) {
        return add(declared ? DependencyKind.DECLARED_REFERENCE : DependencyKind.FOREIGN_KEY, fromType, table, column, null,
                targetType, rule);
    }

    /** Like {@link #reference(String, String, String, RuleSpec)} with RESTRICT, the safe default. */
    public LifecycleModelBuilder reference(String fromType, String column, String targetType) {
        return reference(fromType, column, targetType, RuleSpec.RESTRICT);
    }

    /** A column that names {@code targetType}'s ids without being a mapped association. */
    public LifecycleModelBuilder declaredReference(String fromType, String column, String targetType, RuleSpec rule) {
        return add(DependencyKind.DECLARED_REFERENCE, fromType, null, column, null, targetType, rule);
    }

    /**
     * A link table: {@code ownerColumn} holds {@code ownerType} ids, {@code targetColumn} holds
     * {@code targetType} ids. Links go with their owner; {@code rule} says what happens to them when
     * the target is deleted (RESTRICT by default; DETACH removes the links; CASCADE deletes the owners).
     */
    public LifecycleModelBuilder joinTable(String ownerType, String table, String ownerColumn, String targetColumn,
            String targetType, RuleSpec rule) {
        return add(DependencyKind.JOIN_TABLE, ownerType, table, targetColumn, ownerColumn, targetType, rule);
    }

    /** An element-collection table whose rows belong to one {@code ownerType} record and go with it. */
    public LifecycleModelBuilder elementCollection(String ownerType, String table, String ownerColumn) {
        return add(DependencyKind.ELEMENT_COLLECTION, ownerType, table, ownerColumn, ownerColumn, ownerType,
                RuleSpec.of(DeleteRule.CASCADE));
    }

    private LifecycleModelBuilder add(DependencyKind kind, String fromType, String table, String column,
            String ownerColumn, String targetType, RuleSpec rule) {
        String name = fromType + "." + (table != null && kind != DependencyKind.FOREIGN_KEY
                && kind != DependencyKind.DECLARED_REFERENCE ? table : column);
        // The table of an in-record reference is resolved in build(), once the types are known.
        dependencies.add(new Dependency(name, kind, fromType, table == null ? "" : table, column, ownerColumn, targetType, rule));
        return this;
    }

    /**
     * Validates everything and returns the model.
     *
     * @throws InvalidModelException listing every problem
     */
    public LifecycleModel build() {
        List<String> found = new ArrayList<>(problems);
        int declared = problems.size();
        Map<String, EntityType> types = new LinkedHashMap<>();
        Map<String, EntityTypeBuilder> builders = new LinkedHashMap<>();
        for (EntityTypeBuilder builder : typeBuilders) {
            if (types.containsKey(builder.name()) || builders.containsKey(builder.name())) {
                found.add(builder.name() + ": declared twice");
                continue;
            }
            builders.put(builder.name(), builder);
            EntityType type = builder.buildType(binRetention);
            if (type != null) {
                types.put(type.name(), type);
            }
        }
        // What building each type found (no table, no id, a label column it lacks).
        found.addAll(problems.subList(declared, problems.size()));
        List<Dependency> resolved = new ArrayList<>();
        for (Dependency dependency : dependencies) {
            Dependency checked = check(dependency, types, builders.keySet(), found);
            if (checked != null) {
                resolved.add(checked);
            }
        }
        resolveTenancy(types, builders, resolved, found);
        for (EntityType type : types.values()) {
            boolean tenantPathReported = builders.get(type.name()).tenantReference() != null;
            checkType(type, tenantPathReported, found);
        }
        checkSharedTables(types, found);
        if (!found.isEmpty()) {
            throw new InvalidModelException(found);
        }
        return new LifecycleModel(types, resolved, tenants);
    }

    private Dependency check(Dependency d, Map<String, EntityType> types, Set<String> declared, List<String> found) {
        boolean ok = true;
        if (!declared.contains(d.fromType())) {
            found.add(d.name() + ": referencing type '" + d.fromType() + "' is not an entity type of the model");
            ok = false;
        }
        if (!declared.contains(d.targetType())) {
            found.add(d.name() + ": references unknown entity type '" + d.targetType() + "'");
            ok = false;
        }
        EntityType from = types.get(d.fromType());
        EntityType target = types.get(d.targetType());
        if (!ok || from == null || target == null) {
            return null;
        }
        String table = d.table();
        Table recordTable = null;
        if (d.inRecord()) {
            recordTable = (d.table().isEmpty() ? from.tableWithColumn(d.column()) : from.table(d.table()).filter(t -> t.has(d.column())))
                    .orElse(null);
            if (recordTable == null) {
                found.add(d.name() + ": column '" + d.column() + "' is not a declared column of " + from.name()
                        + "'s tables " + from.tables().stream().map(Table::name).toList()
                        + ": declare it with nullable(...) or notNull(...)");
                return null;
            }
            table = recordTable.name();
        } else if (d.kind() == DependencyKind.JOIN_TABLE && d.rule().conditional()) {
            found.add(d.name() + ": a conditional rule on a join table is not supported: links have no columns of their own to test");
        }
        for (RuleSpec.Branch branch : d.rule().branches()) {
            for (String column : columns(branch.when())) {
                if (recordTable != null && !recordTable.has(column)) {
                    found.add(d.name() + ": conditional rule tests column '" + column + "', which table '" + recordTable.name()
                            + "' of " + from.name() + " does not declare");
                }
            }
        }
        Set<DeleteRule> rules = d.rule().possibleRules();
        if (rules.contains(DeleteRule.DETACH) && recordTable != null && !recordTable.column(d.column()).nullable()) {
            found.add(d.name() + ": DETACH needs to set '" + d.column() + "' to NULL, but the column is NOT NULL: use CASCADE, RESTRICT or IGNORE, or make it nullable");
        }
        boolean cascadesIntoRecords = rules.contains(DeleteRule.CASCADE) && d.kind() != DependencyKind.ELEMENT_COLLECTION;
        if (cascadesIntoRecords && !from.softDeletable()) {
            found.add(d.name() + ": CASCADE would delete " + from.name() + " records, but " + from.name()
                    + " has no marker columns: declare markers(deletionIdColumn, deletedAtColumn) or use another rule");
        }
        return new Dependency(d.name(), d.kind(), d.fromType(), table, d.column(), d.ownerColumn(), d.targetType(), d.rule());
    }

    private void resolveTenancy(Map<String, EntityType> types, Map<String, EntityTypeBuilder> builders,
            List<Dependency> resolved, List<String> found) {
        for (EntityTypeBuilder builder : builders.values()) {
            EntityType type = types.get(builder.name());
            if (type == null || builder.tenantReference() == null) {
                continue;
            }
            String column = builder.tenantReference();
            Dependency via = resolved.stream()
                    .filter(d -> d.fromType().equals(type.name()) && d.inRecord() && d.column().equals(column)
                            && d.table().equals(type.primaryTable().name()))
                    .findFirst().orElse(null);
            if (via == null) {
                found.add(type.name() + ": tenantVia('" + column + "') names no reference of " + type.name()
                        + " in its primary table: declare it with reference(...)");
                continue;
            }
            EntityType target = types.get(via.targetType());
            if (type.primaryTable().column(column).nullable()) {
                found.add(type.name() + ": tenantVia('" + column + "') is a nullable column: a record without it would belong to no tenant;"
                        + " declare it notNull or give " + type.name() + " its own tenantColumn");
                continue;
            }
            if (!(target.tenancy() instanceof Tenancy.ByColumn)) {
                found.add(type.name() + ": tenantVia('" + column + "') leads to " + target.name()
                        + ", which has no tenant column: a tenant path is one reference to a type with tenantColumn(...)");
                continue;
            }
            types.put(type.name(), new EntityType(type.name(), type.tables(), type.idType(), type.markers(),
                    type.discriminator(), new Tenancy.ByReference(column, target.name()), type.ownerColumn(), type.uniqueKeys(),
                    type.policy(), type.label()));
        }
    }

    private void checkType(EntityType type, boolean tenantPathDeclared, List<String> found) {
        Table primary = type.primaryTable();
        if (tenants && type.softDeletable() && type.tenancy() instanceof Tenancy.None && !tenantPathDeclared) {
            found.add(type.name() + ": tenants are on but " + type.name()
                    + " has no tenant: declare tenantColumn(...), tenantVia(...) or global()");
        }
        if (type.ownerColumn() != null && !primary.has(type.ownerColumn())) {
            found.add(type.name() + ": owner column '" + type.ownerColumn() + "' is not a declared column of table '" + primary.name() + "'");
        }
        if (type.discriminator() != null && !primary.has(type.discriminator().column())) {
            found.add(type.name() + ": discriminator column '" + type.discriminator().column()
                    + "' is not a declared column of table '" + primary.name() + "'");
        }
        Policy policy = type.policy();
        if (policy.binRetention().isNegative() || policy.binRetention().isZero()) {
            found.add(type.name() + ": bin retention " + policy.binRetention() + " must be positive, e.g. P30D");
        }
        policy.keepLive().ifPresent(keep -> {
            if (keep.period().isNegative() || keep.period().isZero()) {
                found.add(type.name() + ": keepFor " + keep.period() + " must be positive, e.g. P2Y");
            }
            if (!primary.has(keep.ageColumn())) {
                found.add(type.name() + ": keepFor counts from column '" + keep.ageColumn() + "', which table '" + primary.name()
                        + "' does not declare");
            }
            if (keep.action() == dev.datalifecycle.api.ExpiryAction.ANONYMIZE && policy.personalData().isEmpty()) {
                found.add(type.name() + ": keepFor(..., ANONYMIZE) needs the personal-data columns to overwrite: declare personalData(...)");
            }
        });
        for (String column : policy.personalData()) {
            if (!primary.has(column)) {
                found.add(type.name() + ": personal-data column '" + column + "' is not a declared column of table '" + primary.name() + "'");
            }
        }
        for (UniqueKey key : type.uniqueKeys()) {
            Table table = type.table(key.table()).orElseThrow();
            for (String column : key.columns()) {
                if (!table.has(column)) {
                    found.add(type.name() + ": unique key '" + key.name() + "' names column '" + column
                            + "', which table '" + table.name() + "' does not declare");
                }
            }
        }
    }

    private static void checkSharedTables(Map<String, EntityType> types, List<String> found) {
        Map<String, List<EntityType>> byTable = new LinkedHashMap<>();
        for (EntityType type : types.values()) {
            byTable.computeIfAbsent(type.primaryTable().name(), k -> new ArrayList<>()).add(type);
        }
        byTable.forEach((table, sharing) -> {
            // A JOINED hierarchy shares its root table: subclass tables tell the types apart.
            boolean joined = sharing.stream().anyMatch(t -> t.tables().stream().anyMatch(Table::identifying));
            if (sharing.size() > 1 && !joined) {
                for (EntityType type : sharing) {
                    if (type.discriminator() == null) {
                        found.add(type.name() + ": shares table '" + table + "' with "
                                + sharing.stream().map(EntityType::name).filter(n -> !n.equals(type.name())).toList()
                                + " but has no discriminator: declare discriminator(column, values...)");
                    }
                }
            }
        });
    }

    private static List<String> columns(Criteria criteria) {
        List<String> columns = new ArrayList<>();
        collect(criteria, columns);
        return columns;
    }

    private static void collect(Criteria criteria, List<String> into) {
        if (criteria instanceof Criteria.Comparison c) {
            into.add(c.column());
        } else if (criteria instanceof Criteria.All all) {
            all.parts().forEach(p -> collect(p, into));
        } else if (criteria instanceof Criteria.Any any) {
            any.parts().forEach(p -> collect(p, into));
        } else if (criteria instanceof Criteria.Not not) {
            collect(not.part(), into);
        }
    }
}
