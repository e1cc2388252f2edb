package dev.datalifecycle.jpa;

import dev.datalifecycle.api.DeleteRule;
import dev.datalifecycle.api.InvalidModelException;
import dev.datalifecycle.api.Criteria;
import dev.datalifecycle.api.annotation.References;
import dev.datalifecycle.api.annotation.SoftDeletable;
import dev.datalifecycle.api.annotation.WhenDeleted;
import dev.datalifecycle.core.model.EntityTypeBuilder;
import dev.datalifecycle.core.model.IdType;
import dev.datalifecycle.core.model.LifecycleModel;
import dev.datalifecycle.core.model.LifecycleModelBuilder;
import dev.datalifecycle.api.RuleSpec;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.hibernate.annotations.TenantId;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.relational.Database;
import org.hibernate.mapping.Collection;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.Component;
import org.hibernate.mapping.Join;
import org.hibernate.mapping.JoinedSubclass;
import org.hibernate.mapping.KeyValue;
import org.hibernate.mapping.OneToMany;
import org.hibernate.mapping.OneToOne;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;
import org.hibernate.mapping.Selectable;
import org.hibernate.mapping.SimpleValue;
import org.hibernate.mapping.Subclass;
import org.hibernate.mapping.Table;
import org.hibernate.mapping.ToOne;
import org.hibernate.mapping.Value;

/**
 * Builds the core model from Hibernate's boot metamodel, with table and column names exactly as
 * Hibernate resolved them (naming strategies applied, quoted names kept in quotes), never guessed
 * from field names.
 *
 * <p>Default rules: a parent's {@code cascade = REMOVE} (or ALL) or {@code orphanRemoval} on a
 * {@code @OneToMany} or inverse {@code @OneToOne} makes the children's reference CASCADE; a cascade on
 * the owning side ({@code @ManyToOne(cascade = ALL)}) is ignored with a warning; everything else is
 * RESTRICT. Join-table and element-collection rows go with their owner.
 */
final class ModelDiscovery {

    private final Metadata metadata;
    private final Consumer<String> warnings;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, String> typeNames = new HashMap<>();
    /** Rules of in-record references, keyed by fromType|table|column|target, so parents can raise them to CASCADE. */
    private final Map<String, Reference> references = new LinkedHashMap<>();
    private final List<Consumer<LifecycleModelBuilder>> linkTables = new ArrayList<>();
    private final Map<String, String> tenantColumns = new HashMap<>();
    private final Map<String, Object> settings;
    private final java.util.Set<String> usedSettings = new java.util.HashSet<>();
    private final List<String> report = new ArrayList<>();
    private final dev.datalifecycle.core.model.Catalog catalog;
    /** (table, column) pairs the mapping explains: references, link and collection keys, subclass and secondary keys. */
    private final List<String[]> covered = new ArrayList<>();
    /** Columns the catalog knows that the mapping does not (foreign keys written by other code), per model table name. */
    private final Map<String, List<String>> extraColumns = new HashMap<>();
    /** Tables only the catalog knows that reference a mapped type: name, id column, id type. */
    private final List<Object[]> catalogTypes = new ArrayList<>();

    private ModelDiscovery(Metadata metadata, Map<String, Object> settings, dev.datalifecycle.core.model.Catalog catalog,
            Consumer<String> warnings) {
        this.metadata = metadata;
        this.settings = settings;
        this.catalog = catalog;
        this.warnings = warnings;
    }

    /**
     * The model of every entity in {@code metadata}.
     *
     * @throws InvalidModelException listing every mapping the library cannot work with
     */
    /**
     * The model and the start-up report: one line per dependency with its rule and where the rule
     * came from (mapping default, mapping cascade, annotation, settings).
     */
    record Result(LifecycleModel model, List<String> report) {
    }

    /**
     * @param catalog what the database knows, or {@code null} at boot (the tables may not exist yet)
     */
    static Result discoverWithReport(Metadata metadata, Map<String, Object> settings, dev.datalifecycle.core.model.Catalog catalog,
            Consumer<String> warnings) {
        return new ModelDiscovery(metadata, settings, catalog, warnings).discover();
    }

    /**
     * The soft-deletable root entities of {@code metadata}, each with its marker columns' physical
     * names: deletion id, deleted at, and the adopted deleted flag (empty for none).
     */
    static Map<org.hibernate.mapping.RootClass, List<String>> softDeletableRoots(Metadata metadata, Map<String, Object> settings) {
        ModelDiscovery discovery = new ModelDiscovery(metadata, settings, null, warning -> { });
        Map<org.hibernate.mapping.RootClass, List<String>> roots = new LinkedHashMap<>();
        for (PersistentClass entity : metadata.getEntityBindings()) {
            if (entity instanceof org.hibernate.mapping.RootClass root) {
                String[] markers = discovery.markers(root);
                if (markers != null) {
                    roots.put(root, List.of(discovery.physicalColumn(markers[0]), discovery.physicalColumn(markers[1]),
                            markers[2].isEmpty() ? "" : discovery.physicalColumn(markers[2])));
                }
            }
        }
        return roots;
    }

    private Result discover() {
        for (PersistentClass entity : metadata.getEntityBindings()) {
            typeNames.put(entity.getEntityName(), entity.getJpaEntityName());
        }
        LifecycleModelBuilder model = LifecycleModel.builder();
        List<PersistentClass> entities = new ArrayList<>(metadata.getEntityBindings());
        for (PersistentClass entity : entities) {
            tenantColumn(entity);
        }
        if (!tenantColumns.isEmpty()) {
            model.tenants();
        }
        for (PersistentClass entity : entities) {
            properties(entity, ownProperties(entity));
        }
        if (catalog != null) {
            catalogForeignKeys(entities);
        }
        for (PersistentClass entity : entities) {
            describe(entity, model);
        }
        for (Object[] t : catalogTypes) {
            String table = (String) t[0];
            model.type(table.substring(1, table.length() - 1), type -> {
                type.table(table).id((String) t[1], (dev.datalifecycle.core.model.IdType) t[2]);
                extraColumns.getOrDefault(table, List.of()).forEach(type::nullable);
            });
        }
        applyRuleSettings();
        for (Reference r : references.values()) {
            if (skipped(r.fromType) || skipped(r.targetType)) {
                continue;
            }
            if (r.source.startsWith("mapping") && r.rule.possibleRules().contains(DeleteRule.CASCADE)
                    && !softDeletable(r.fromType) && !softDeletable(r.targetType)) {
                // Neither side uses the recycle bin: the mapping's cascade cannot matter to the library,
                // and a host adopting it type by type should not have to mark the whole graph at once.
                r.rule = RuleSpec.RESTRICT;
                r.source = "mapping default (the cascade joins two types outside the bin)";
            }
            model.reference(r.fromType, r.table, r.column, r.targetType, columnsOf(r), r.declared);
            report.add(r.fromType + "." + r.column + " -> " + r.targetType + ": " + r.rule + " (" + r.source + ")");
            unindexed(r.table, r.column);
            lazyTowardsDeleted(r);
        }
        linkTables.forEach(l -> l.accept(model));
        for (String key : settings.keySet()) {
            if (!usedSettings.contains(key)) {
                problems.add("Setting " + key + " names no entity or attribute discovery found: check the entity name"
                        + " (its JPA entity name) and the attribute");
            }
        }
        problems.forEach(model::problem);
        return new Result(model.build(), report);
    }

    private void describe(PersistentClass entity, LifecycleModelBuilder model) {
        String name = entity.getJpaEntityName();
        KeyValue id = entity.getIdentifier();
        if (id instanceof Component || id.getColumnSpan() != 1) {
            problems.add(name + ": composite ids (@EmbeddedId, @IdClass) are not supported: give " + name + " a single-column id");
            return;
        }
        IdType idType = idType(entity);
        if (idType == null) {
            return;
        }
        PersistentClass root = entity.getRootClass();
        List<Table> tables = new ArrayList<>();
        List<String> idColumns = new ArrayList<>();
        java.util.Set<Table> subclassTables = new java.util.HashSet<>();
        tables.add(root.getTable());
        idColumns.add(name(root.getIdentifier().getColumns().get(0)));
        List<PersistentClass> lineage = new ArrayList<>();
        for (PersistentClass c = entity; c != root; c = c.getSuperclass()) {
            lineage.add(0, c);
        }
        for (PersistentClass c : lineage) {
            if (c instanceof JoinedSubclass joined) {
                tables.add(joined.getTable());
                subclassTables.add(joined.getTable());
                idColumns.add(name(joined.getKey().getColumns().get(0)));
            }
        }
        for (PersistentClass c = entity; c != null; c = c.getSuperclass()) {
            for (Join join : c.getJoins()) {
                tables.add(join.getTable());
                idColumns.add(name(join.getKey().getColumns().get(0)));
            }
        }
        String[] soft = markers(root);
        model.type(name, t -> {
            for (int i = 0; i < tables.size(); i++) {
                Table table = tables.get(i);
                if (i == 0) {
                    t.table(name(table)).id(idColumns.get(0), idType);
                } else if (subclassTables.contains(table)) {
                    t.subclassTable(name(table), idColumns.get(i));
                } else {
                    t.secondaryTable(name(table), idColumns.get(i));
                }
                columns(table, t);
                extraColumns.getOrDefault(name(table), List.of()).forEach(t::nullable);
                uniqueKeys(table, t);
                if (i == 0 && soft != null) {
                    t.markers(physicalColumn(soft[0]), physicalColumn(soft[1]));
                    if (!soft[2].isEmpty()) {
                        t.deletedFlag(physicalColumn(soft[2]));
                    }
                }
            }
            discriminator(entity, t);
            String owner = ownerColumn(root, entity);
            if (owner != null) {
                t.owner(owner);
            }
            label(entity, tables.get(0), t);
            String tenant = tenantColumns.get(root.getEntityName());
            if (tenant != null) {
                t.tenantColumn(tenant);
            } else if (!tenantColumns.isEmpty()) {
                tenantPath(name, root.getTable()).ifPresent(t::tenantVia);
            }
        });
    }

    /**
     * A type without a tenant column of its own belongs to the tenant of the first record it must
     * reference (a NOT NULL reference in its primary table) whose type has one: a contact is its
     * customer's.
     */
    private java.util.Optional<String> tenantPath(String type, Table primary) {
        return references.values().stream()
                .filter(r -> r.fromType.equals(type) && r.table.equals(name(primary)))
                .filter(r -> primary.getColumns().stream().anyMatch(c -> name(c).equals(r.column) && !c.isNullable()))
                .filter(r -> metadata.getEntityBindings().stream()
                        .anyMatch(e -> e.getJpaEntityName().equals(r.targetType) && tenantColumns.containsKey(e.getRootClass().getEntityName())))
                .map(r -> r.column)
                .findFirst();
    }

    /** Keys unique among rows, from the mapping ({@code unique = true}, {@code @UniqueConstraint}). */
    private static void uniqueKeys(Table table, EntityTypeBuilder t) {
        java.util.Set<List<String>> seen = new java.util.HashSet<>();
        for (org.hibernate.mapping.UniqueKey key : table.getUniqueKeys().values()) {
            List<String> columns = key.getColumns().stream().map(ModelDiscovery::name).toList();
            if (seen.add(columns)) {
                t.uniqueKey(key.getName() == null ? name(table) + "_" + String.join("_", columns) : key.getName(), columns.toArray(String[]::new));
            }
        }
        for (Column column : table.getColumns()) {
            if (column.isUnique() && seen.add(List.of(name(column)))) {
                t.uniqueKey(name(table) + "_" + name(column), name(column));
            }
        }
    }

    /** The column of the attribute marked {@code @Owner} in the entity or its superclasses. */
    private String ownerColumn(PersistentClass root, PersistentClass entity) {
        for (PersistentClass c = entity; c != null; c = c.getSuperclass()) {
            for (Property property : ownProperties(c)) {
                Field field = field(c.getMappedClass(), property.getName());
                if (field != null && field.isAnnotationPresent(dev.datalifecycle.api.annotation.Owner.class)) {
                    if (property.getColumnSpan() != 1) {
                        problems.add(entity.getJpaEntityName() + "." + property.getName() + ": @Owner needs a single-column attribute");
                        return null;
                    }
                    return name(property.getColumns().get(0));
                }
            }
        }
        return null;
    }

    /**
     * The label: the settings' {@code label} (an attribute) or {@code label-expression} (SQL), else the
     * attribute marked {@code @BinLabel}; it must live in the type's primary table.
     */
    private void label(PersistentClass entity, Table primary, EntityTypeBuilder t) {
        String prefix = LifecycleJpaSettings.PREFIX + entity.getJpaEntityName() + ".";
        Object expression = setting(prefix + "label-expression");
        if (expression != null) {
            t.labelExpression(expression.toString());
            return;
        }
        Object attribute = setting(prefix + "label");
        for (PersistentClass c = entity; c != null; c = c.getSuperclass()) {
            for (Property property : ownProperties(c)) {
                Field field = field(c.getMappedClass(), property.getName());
                boolean named = attribute != null ? property.getName().equals(attribute.toString())
                        : field != null && field.isAnnotationPresent(dev.datalifecycle.api.annotation.BinLabel.class);
                if (!named) {
                    continue;
                }
                if (property.getColumnSpan() != 1 || !property.getValue().getTable().equals(primary)) {
                    problems.add(entity.getJpaEntityName() + "." + property.getName() + ": a bin label is a single column of "
                            + name(primary) + ", the entity's own table; use label-expression for anything else");
                    return;
                }
                t.label(name(property.getColumns().get(0)));
                return;
            }
        }
    }

    private void columns(Table table, EntityTypeBuilder t) {
        for (Column column : table.getColumns()) {
            if (column.isNullable()) {
                t.nullable(name(column));
            } else {
                t.notNull(name(column));
            }
        }
    }

    private void discriminator(PersistentClass entity, EntityTypeBuilder t) {
        Value discriminator = entity.getRootClass().getDiscriminator();
        if (discriminator == null || entity.getRootClass().getSubclasses().isEmpty()
                || entity.getRootClass().getSubclasses().stream().anyMatch(s -> s instanceof JoinedSubclass)) {
            return;
        }
        List<Object> values = new ArrayList<>();
        values.add(entity.getDiscriminatorValue());
        for (Subclass sub : entity.getSubclasses()) {
            values.add(sub.getDiscriminatorValue());
        }
        for (PersistentClass sub : entity.getSubclassClosure()) {
            if (!values.contains(sub.getDiscriminatorValue())) {
                values.add(sub.getDiscriminatorValue());
            }
        }
        t.discriminator(name(discriminator.getColumns().get(0)), values.toArray());
    }

    private IdType idType(PersistentClass entity) {
        Class<?> type = ((SimpleValue) entity.getIdentifier()).getType().getReturnedClass();
        if (type == Long.class || type == long.class) {
            return IdType.LONG;
        }
        if (type == Integer.class || type == int.class) {
            return IdType.INTEGER;
        }
        if (type == UUID.class) {
            return IdType.UUID;
        }
        if (type == String.class) {
            return IdType.STRING;
        }
        problems.add(entity.getJpaEntityName() + ": id type " + type.getName() + " is not supported: use Long, Integer, UUID or String");
        return null;
    }

    /** Properties declared by this class itself (inherited ones belong to the superclass's type). */
    private static List<Property> ownProperties(PersistentClass entity) {
        List<Property> properties = new ArrayList<>(entity.getProperties());
        for (Join join : entity.getJoins()) {
            properties.addAll(join.getProperties());
        }
        return properties;
    }

    private void properties(PersistentClass owner, List<Property> properties) {
        String ownerType = owner.getJpaEntityName();
        for (Property property : properties) {
            value(owner, ownerType, owner.getMappedClass(), property.getName(), property, property.getValue());
        }
    }

    /**
     * @param declaring the Java class declaring the attribute (the entity, or an embeddable)
     * @param path      the attribute's path from the entity, e.g. {@code address.country}
     */
    private void value(PersistentClass owner, String ownerType, Class<?> declaring, String path, Property property, Value value) {
        String where = ownerType + "." + path;
        Field field = field(declaring, property.getName());
        if (value instanceof Component component) {
            for (Property inner : component.getProperties()) {
                value(owner, ownerType, component.getComponentClass(), path + "." + inner.getName(), inner, inner.getValue());
            }
        } else if (value instanceof OneToOne oneToOne && oneToOne.getColumnSpan() == 0) {
            // The inverse side of a one-to-one: its cascade decides what happens to the owning side.
            if (removes(property)) {
                String child = typeNames.get(oneToOne.getReferencedEntityName());
                String mappedBy = oneToOne.getMappedByProperty();
                PersistentClass childClass = metadata.getEntityBinding(oneToOne.getReferencedEntityName());
                if (mappedBy != null && childClass != null) {
                    Property owning = childClass.getProperty(mappedBy);
                    raise(child, owning.getValue(), ownerType, where);
                }
            }
        } else if (value instanceof ToOne toOne) {
            if (toOne.getColumnSpan() != 1) {
                problems.add(where + ": references " + toOne.getReferencedEntityName() + " through "
                        + toOne.getColumnSpan() + " columns; only single-column references are supported");
                return;
            }
            if (removes(property)) {
                warnings.accept(where + " has cascade REMOVE (or ALL) on the owning side, which would delete the "
                        + typeNames.get(toOne.getReferencedEntityName()) + " with one " + ownerType + ": ignored (RESTRICT)");
            }
            String target = typeNames.get(toOne.getReferencedEntityName());
            String column = name(toOne.getColumns().get(0));
            Reference reference = reference(ownerType, name(toOne.getTable()), column, target, RuleSpec.RESTRICT, "mapping default");
            reference.attribute(owner, path, field);
            reference.lazy = toOne.isLazy();
            covered.add(new String[] {name(toOne.getTable()), column});
        } else if (value instanceof Collection collection) {
            collection(ownerType, property, collection);
        } else if (value instanceof SimpleValue basic && basic.getColumnSpan() == 1) {
            declaredReference(owner, ownerType, path, field, basic);
        }
    }

    /**
     * Foreign keys the mapping does not explain become dependencies (RESTRICT): from a mapped table, a
     * reference of its type; from a table only the database knows (written by other code), a type of
     * its own, named after the table. Keys the mapping explains (references, JOINED subclass and
     * secondary-table keys, link and collection tables) are not blockers.
     */
    private void catalogForeignKeys(List<PersistentClass> entities) {
        Map<String, String> typeOfTable = new LinkedHashMap<>();
        Map<String, String> typeOfPrimaryTable = new LinkedHashMap<>();
        for (PersistentClass entity : entities) {
            if (entity.getSuperclass() == null) {
                typeOfPrimaryTable.putIfAbsent(name(entity.getTable()), entity.getJpaEntityName());
                typeOfTable.putIfAbsent(name(entity.getTable()), entity.getJpaEntityName());
            }
            if (entity instanceof JoinedSubclass joined) {
                typeOfTable.putIfAbsent(name(joined.getTable()), entity.getJpaEntityName());
                covered.add(new String[] {name(joined.getTable()), name(joined.getKey().getColumns().get(0))});
            }
            for (Join join : entity.getJoins()) {
                typeOfTable.putIfAbsent(name(join.getTable()), entity.getJpaEntityName());
                covered.add(new String[] {name(join.getTable()), name(join.getKey().getColumns().get(0))});
            }
        }
        for (dev.datalifecycle.core.model.Catalog.ForeignKey fk : catalog.foreignKeys()) {
            boolean explained = covered.stream().anyMatch(c -> dev.datalifecycle.core.model.Catalog.same(c[0], fk.table())
                    && dev.datalifecycle.core.model.Catalog.same(c[1], fk.column()));
            if (explained) {
                continue;
            }
            String target = find(typeOfPrimaryTable, fk.target());
            if (target == null) {
                continue;
            }
            String column = "\"" + fk.column() + "\"";
            String source = "catalog: foreign key " + fk.name() + ", ON DELETE " + fk.deleteRule();
            String mappedTable = typeOfTable.keySet().stream().filter(t -> dev.datalifecycle.core.model.Catalog.same(t, fk.table()))
                    .findFirst().orElse(null);
            if (mappedTable != null) {
                extraColumns.computeIfAbsent(mappedTable, k -> new ArrayList<>()).add(column);
                reference(typeOfTable.get(mappedTable), mappedTable, column, target, RuleSpec.RESTRICT, source);
                continue;
            }
            List<String> key = catalog.primaryKey(fk.table());
            dev.datalifecycle.core.model.IdType idType = catalog.primaryKeyType(fk.table());
            if (key.size() != 1 || idType == null) {
                String warning = "table " + fk.table() + " references " + target + " (" + fk.name() + ") but has no single-column primary key"
                        + " of a supported type: it cannot be checked before a delete";
                warnings.accept(warning);
                report.add("WARNING " + warning);
                continue;
            }
            String table = "\"" + fk.table() + "\"";
            if (catalogTypes.stream().noneMatch(t -> t[0].equals(table))) {
                catalogTypes.add(new Object[] {table, "\"" + key.get(0) + "\"", idType});
                typeNames.put(table, fk.table());
            }
            extraColumns.computeIfAbsent(table, k -> new ArrayList<>()).add(column);
            reference(fk.table(), table, column, target, RuleSpec.RESTRICT, source);
        }
    }

    private static String find(Map<String, String> byTable, String catalogName) {
        return byTable.entrySet().stream().filter(e -> dev.datalifecycle.core.model.Catalog.same(e.getKey(), catalogName))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    /**
     * Warns about the one read Hibernate cannot keep a deleted record out of: a LAZY to-one whose
     * rule lets it point at a deleted record (IGNORE) is a proxy that fails when first used.
     */
    private void lazyTowardsDeleted(Reference r) {
        if (!r.lazy || !r.rule.possibleRules().contains(DeleteRule.IGNORE) || !softDeletable(r.targetType)) {
            return;
        }
        String warning = r.fromType + "." + r.attribute + " is LAZY and IGNORE: when its " + r.targetType + " is deleted it stays a"
                + " proxy that throws EntityNotFoundException when first used. Map it EAGER to read null instead, or use another rule";
        if (catalog == null) {
            warnings.accept(warning);
        }
        report.add("WARNING " + warning);
    }

    /** Warns, with the statement that fixes it, when a reference column has no index to find referencing rows by. */
    private void unindexed(String table, String column) {
        if (catalog == null || catalog.indexed(bare(table), bare(column))) {
            return;
        }
        String warning = "no index starts with " + bare(table) + "." + bare(column) + ": every plan and purge scans " + bare(table)
                + ". Add one: CREATE INDEX ix_" + bare(table).toLowerCase(java.util.Locale.ROOT) + "_" + bare(column).toLowerCase(java.util.Locale.ROOT)
                + " ON " + table + " (" + column + ")";
        warnings.accept(warning);
        report.add("WARNING " + warning);
    }

    private static String bare(String name) {
        return name.length() > 2 && name.startsWith("\"") && name.endsWith("\"") ? name.substring(1, name.length() - 1) : name;
    }

    /** A plain attribute that holds another entity's id: {@code @References} or a {@code references} setting. */
    private void declaredReference(PersistentClass owner, String ownerType, String path, Field field, SimpleValue basic) {
        Object setting = setting(LifecycleJpaSettings.PREFIX + ownerType + ".references." + path);
        References annotation = field == null ? null : field.getAnnotation(References.class);
        String target = null;
        if (setting != null) {
            target = setting.toString();
            if (!typeNames.containsValue(target)) {
                problems.add(ownerType + "." + path + ": the references setting names '" + target + "', which is not an entity");
                return;
            }
        } else if (annotation != null) {
            PersistentClass targetClass = metadata.getEntityBinding(annotation.value().getName());
            if (targetClass == null) {
                problems.add(ownerType + "." + path + ": @References(" + annotation.value().getSimpleName() + ") is not an entity");
                return;
            }
            target = targetClass.getJpaEntityName();
        }
        if (target != null) {
            Reference reference = reference(ownerType, name(basic.getTable()), name(basic.getColumns().get(0)), target, RuleSpec.RESTRICT,
                    setting != null ? "settings" : "annotation @References");
            reference.declared = true;
            reference.attribute(owner, path, field);
            covered.add(new String[] {name(basic.getTable()), name(basic.getColumns().get(0))});
        }
    }

    private Reference reference(String fromType, String table, String column, String target, RuleSpec rule, String source) {
        return references.computeIfAbsent(key(fromType, table, column, target), k -> new Reference(fromType, table, column, target, rule, source));
    }

    /** Rules from {@code @WhenDeleted}, then from the settings, which win. */
    private void applyRuleSettings() {
        for (Reference r : references.values()) {
            if (r.attribute == null) {
                continue;
            }
            WhenDeleted annotation = r.field == null ? null : r.field.getAnnotation(WhenDeleted.class);
            if (annotation != null) {
                r.rule = rule(annotation, r);
                r.source = "annotation @WhenDeleted";
            }
            Object setting = setting(LifecycleJpaSettings.PREFIX + r.fromType + ".rule." + r.attribute);
            if (setting instanceof RuleSpec spec) {
                r.rule = spec;
                r.source = "settings";
            } else if (setting != null) {
                try {
                    r.rule = RuleSpec.of(DeleteRule.valueOf(setting.toString().trim().toUpperCase(java.util.Locale.ROOT)));
                    r.source = "settings";
                } catch (IllegalArgumentException e) {
                    problems.add(r.fromType + "." + r.attribute + ": rule '" + setting + "' is not one of RESTRICT, CASCADE, DETACH, IGNORE");
                }
            }
        }
    }

    private RuleSpec rule(WhenDeleted annotation, Reference r) {
        if (annotation.cases().length == 0) {
            return RuleSpec.of(annotation.value());
        }
        if (annotation.value() != DeleteRule.RESTRICT) {
            problems.add(r.fromType + "." + r.attribute + ": @WhenDeleted with cases sends unmatched records to RESTRICT; leave value() out");
        }
        RuleSpec spec = null;
        for (WhenDeleted.Case c : annotation.cases()) {
            Criteria when = c.isNull() ? Criteria.isNull(c.attribute())
                    : c.in().length == 0 ? null : Criteria.in(c.attribute(), (Object[]) c.in());
            if (when == null) {
                problems.add(r.fromType + "." + r.attribute + ": a @WhenDeleted.Case on '" + c.attribute() + "' needs in = {...} or isNull = true");
                return RuleSpec.RESTRICT;
            }
            spec = spec == null ? RuleSpec.when(when, c.then()) : spec.orWhen(when, c.then());
        }
        return spec;
    }

    /** The reference's rule with criteria on attributes turned into criteria on their columns. */
    private RuleSpec columnsOf(Reference r) {
        if (!r.rule.conditional()) {
            return r.rule;
        }
        List<RuleSpec.Branch> branches = new ArrayList<>();
        for (RuleSpec.Branch branch : r.rule.branches()) {
            branches.add(new RuleSpec.Branch(columns(branch.when(), r), branch.rule()));
        }
        return new RuleSpec(branches, r.rule.otherwise());
    }

    private Criteria columns(Criteria criteria, Reference r) {
        if (criteria instanceof Criteria.Comparison c) {
            String column = c.column();
            try {
                Property property = r.owner.getRecursiveProperty(c.column());
                column = name(property.getColumns().get(0));
            } catch (RuntimeException e) {
                problems.add(r.fromType + "." + r.attribute + ": the conditional rule tests '" + c.column() + "', which is not an attribute of "
                        + r.fromType);
            }
            return new Criteria.Comparison(column, c.operator(), c.values());
        }
        if (criteria instanceof Criteria.All all) {
            return new Criteria.All(all.parts().stream().map(x -> columns(x, r)).toList());
        }
        if (criteria instanceof Criteria.Any any) {
            return new Criteria.Any(any.parts().stream().map(x -> columns(x, r)).toList());
        }
        return new Criteria.Not(columns(((Criteria.Not) criteria).part(), r));
    }

    private static Field field(Class<?> declaring, String name) {
        for (Class<?> c = declaring; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        return null;
    }

    private void collection(String ownerType, Property property, Collection collection) {
        Value element = collection.getElement();
        String keyColumn = name(collection.getKey().getColumns().get(0));
        covered.add(new String[] {name(collection.getCollectionTable()), keyColumn});
        if (element instanceof OneToMany oneToMany) {
            String child = typeNames.get(oneToMany.getReferencedEntityName());
            PersistentClass childClass = metadata.getEntityBinding(oneToMany.getReferencedEntityName());
            String table = name(collection.getCollectionTable());
            String k = key(child, table, keyColumn, ownerType);
            boolean cascade = removes(property) || collection.hasOrphanDelete();
            if (!collection.isInverse() || cascade) {
                // With mappedBy, the child's own attribute is read (before or after this) into the same entry.
                Reference reference = reference(child, table, keyColumn, ownerType, RuleSpec.RESTRICT, "mapping default");
                if (cascade) {
                    reference.rule = RuleSpec.of(DeleteRule.CASCADE);
                    reference.source = "mapping: " + ownerType + "." + property.getName() + " cascades REMOVE";
                }
            }
            if (childClass == null) {
                problems.add(ownerType + "." + property.getName() + ": unknown entity " + oneToMany.getReferencedEntityName());
            }
        } else if (element instanceof ToOne manyToMany) {
            if (collection.isInverse()) {
                return;
            }
            String target = typeNames.get(manyToMany.getReferencedEntityName());
            String table = name(collection.getCollectionTable());
            String targetColumn = name(manyToMany.getColumns().get(0));
            covered.add(new String[] {table, targetColumn});
            linkTables.add(m -> m.joinTable(ownerType, table, keyColumn, targetColumn, target, RuleSpec.RESTRICT));
            report.add(ownerType + "." + table + " -> " + target + ": RESTRICT (mapping default: links block their target, go with their owner)");
            unindexed(table, targetColumn);
        } else {
            String table = name(collection.getCollectionTable());
            linkTables.add(m -> m.elementCollection(ownerType, table, keyColumn));
        }
    }

    private void raise(String child, Value owningValue, String parentType, String where) {
        if (owningValue instanceof ToOne toOne && toOne.getColumnSpan() == 1) {
            Reference reference = reference(child, name(toOne.getTable()), name(toOne.getColumns().get(0)), parentType,
                    RuleSpec.RESTRICT, "mapping default");
            reference.rule = RuleSpec.of(DeleteRule.CASCADE);
            reference.source = "mapping: " + where + " cascades REMOVE";
        }
    }

    private static boolean removes(Property property) {
        String cascade = property.getCascade();
        if (cascade == null) {
            return false;
        }
        for (String style : cascade.split(",")) {
            String s = style.trim();
            if (s.equals("all") || s.equals("delete") || s.equals("remove") || s.equals("all-delete-orphan") || s.equals("delete-orphan")) {
                return true;
            }
        }
        return false;
    }

    private void tenantColumn(PersistentClass entity) {
        if (entity.getSuperclass() != null) {
            return;
        }
        Class<?> type = entity.getMappedClass();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.isAnnotationPresent(TenantId.class) || field.isAnnotationPresent(dev.datalifecycle.api.annotation.Tenant.class)) {
                    Property property = entity.getProperty(field.getName());
                    tenantColumns.put(entity.getEntityName(), name(property.getColumns().get(0)));
                    return;
                }
            }
        }
    }

    /** Types left out of the model because their mapping is not supported (already reported). */
    private boolean skipped(String type) {
        return problems.stream().anyMatch(p -> p.startsWith(type + ": "));
    }

    private boolean softDeletable(String type) {
        return metadata.getEntityBindings().stream()
                .anyMatch(e -> e.getJpaEntityName().equals(type) && markers(e.getRootClass()) != null);
    }

    /** The marker columns' logical names, from the settings or {@code @SoftDeletable}; null when not soft-deletable. */
    private String[] markers(PersistentClass root) {
        String prefix = LifecycleJpaSettings.PREFIX + root.getJpaEntityName() + ".";
        Object flag = setting(prefix + "soft-deletable");
        if (flag != null && Boolean.parseBoolean(flag.toString())) {
            Object deletionId = setting(prefix + "deletion-id-column");
            Object deletedAt = setting(prefix + "deleted-at-column");
            Object deletedFlag = setting(prefix + "deleted-flag-column");
            return new String[] {deletionId == null ? "deletion_id" : deletionId.toString(), deletedAt == null ? "deleted_at" : deletedAt.toString(),
                deletedFlag == null ? "" : deletedFlag.toString()};
        }
        Class<?> type = root.getMappedClass();
        SoftDeletable annotation = type == null ? null : type.getAnnotation(SoftDeletable.class);
        return annotation == null ? null
                : new String[] {annotation.deletionIdColumn(), annotation.deletedAtColumn(), annotation.deletedFlagColumn()};
    }

    private Object setting(String key) {
        Object value = settings.get(key);
        if (value != null) {
            usedSettings.add(key);
        }
        return value;
    }

    private String physicalColumn(String logical) {
        Database database = metadata.getDatabase();
        Identifier physical = database.getPhysicalNamingStrategy()
                .toPhysicalColumnName(Identifier.toIdentifier(logical), database.getJdbcEnvironment());
        return name(physical);
    }

    private static String key(String fromType, String table, String column, String target) {
        return fromType + "|" + table + "|" + column + "|" + target;
    }

    /** A name as the model wants it: in double quotes when Hibernate quoted it. */
    private static String name(Selectable column) {
        Column c = (Column) column;
        return c.isQuoted() ? "\"" + c.getName() + "\"" : c.getName();
    }

    private static String name(Table table) {
        return table.isQuoted() ? "\"" + table.getName() + "\"" : table.getName();
    }

    private static String name(Identifier identifier) {
        return identifier.isQuoted() ? "\"" + identifier.getText() + "\"" : identifier.getText();
    }

    /** An in-record reference found so far, whose rule a parent's cascade, an annotation or a setting may change. */
    private static final class Reference {
        final String fromType;
        final String table;
        final String column;
        final String targetType;
        RuleSpec rule;
        String source;
        boolean declared;
        PersistentClass owner;
        String attribute;
        Field field;
        /** A LAZY to-one association: Hibernate hands out a proxy without knowing whether its target is deleted. */
        boolean lazy;

        Reference(String fromType, String table, String column, String targetType, RuleSpec rule, String source) {
            this.fromType = fromType;
            this.table = table;
            this.column = column;
            this.targetType = targetType;
            this.rule = rule;
            this.source = source;
        }

        void attribute(PersistentClass owner, String attribute, Field field) {
            this.owner = owner;
            this.attribute = attribute;
            this.field = field;
        }
    }
}
