package dev.datalifecycle.jpa;

import dev.datalifecycle.api.DeleteRule;
import dev.datalifecycle.api.InvalidModelException;
import dev.datalifecycle.api.annotation.SoftDeletable;
import dev.datalifecycle.core.model.EntityTypeBuilder;
import dev.datalifecycle.core.model.IdType;
import dev.datalifecycle.core.model.LifecycleModel;
import dev.datalifecycle.core.model.LifecycleModelBuilder;
import dev.datalifecycle.core.model.RuleSpec;
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

    private ModelDiscovery(Metadata metadata, Consumer<String> warnings) {
        this.metadata = metadata;
        this.warnings = warnings;
    }

    /**
     * The model of every entity in {@code metadata}.
     *
     * @throws InvalidModelException listing every mapping the library cannot work with
     */
    static LifecycleModel discover(Metadata metadata, Consumer<String> warnings) {
        return new ModelDiscovery(metadata, warnings).discover();
    }

    private LifecycleModel discover() {
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
        for (PersistentClass entity : entities) {
            describe(entity, model);
        }
        for (Reference r : references.values()) {
            if (skipped(r.fromType) || skipped(r.targetType)) {
                continue;
            }
            if (r.rule == DeleteRule.CASCADE && !softDeletable(r.fromType) && !softDeletable(r.targetType)) {
                // Neither side uses the recycle bin: the mapping's cascade cannot matter to the library,
                // and a host adopting it type by type should not have to mark the whole graph at once.
                r.rule = DeleteRule.RESTRICT;
            }
            model.reference(r.fromType, r.table, r.column, r.targetType, RuleSpec.of(r.rule), false);
        }
        linkTables.forEach(l -> l.accept(model));
        problems.forEach(model::problem);
        return model.build();
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
        tables.add(root.getTable());
        idColumns.add(name(root.getIdentifier().getColumns().get(0)));
        List<PersistentClass> lineage = new ArrayList<>();
        for (PersistentClass c = entity; c != root; c = c.getSuperclass()) {
            lineage.add(0, c);
        }
        for (PersistentClass c : lineage) {
            if (c instanceof JoinedSubclass joined) {
                tables.add(joined.getTable());
                idColumns.add(name(joined.getKey().getColumns().get(0)));
            }
        }
        for (PersistentClass c = entity; c != null; c = c.getSuperclass()) {
            for (Join join : c.getJoins()) {
                tables.add(join.getTable());
                idColumns.add(name(join.getKey().getColumns().get(0)));
            }
        }
        SoftDeletable soft = softDeletable(root);
        model.type(name, t -> {
            for (int i = 0; i < tables.size(); i++) {
                Table table = tables.get(i);
                if (i == 0) {
                    t.table(name(table)).id(idColumns.get(0), idType);
                } else {
                    t.secondaryTable(name(table), idColumns.get(i));
                }
                columns(table, t);
                if (i == 0 && soft != null) {
                    t.markers(physicalColumn(soft.deletionIdColumn()), physicalColumn(soft.deletedAtColumn()));
                }
            }
            discriminator(entity, t);
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
            value(owner, ownerType, property, property.getValue());
        }
    }

    private void value(PersistentClass owner, String ownerType, Property property, Value value) {
        String where = ownerType + "." + property.getName();
        if (value instanceof Component component) {
            for (Property inner : component.getProperties()) {
                value(owner, ownerType, inner, inner.getValue());
            }
        } else if (value instanceof OneToOne oneToOne && oneToOne.getColumnSpan() == 0) {
            // The inverse side of a one-to-one: its cascade decides what happens to the owning side.
            if (removes(property)) {
                String child = typeNames.get(oneToOne.getReferencedEntityName());
                String mappedBy = oneToOne.getMappedByProperty();
                PersistentClass childClass = metadata.getEntityBinding(oneToOne.getReferencedEntityName());
                if (mappedBy != null && childClass != null) {
                    Property owning = childClass.getProperty(mappedBy);
                    raise(child, owning.getValue(), ownerType);
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
            references.putIfAbsent(key(ownerType, name(toOne.getTable()), column, target),
                    new Reference(ownerType, name(toOne.getTable()), column, target, DeleteRule.RESTRICT));
        } else if (value instanceof Collection collection) {
            collection(ownerType, property, collection);
        }
    }

    private void collection(String ownerType, Property property, Collection collection) {
        Value element = collection.getElement();
        String keyColumn = name(collection.getKey().getColumns().get(0));
        if (element instanceof OneToMany oneToMany) {
            String child = typeNames.get(oneToMany.getReferencedEntityName());
            PersistentClass childClass = metadata.getEntityBinding(oneToMany.getReferencedEntityName());
            String table = name(collection.getCollectionTable());
            String k = key(child, table, keyColumn, ownerType);
            boolean cascade = removes(property) || collection.hasOrphanDelete();
            if (!collection.isInverse()) {
                references.putIfAbsent(k, new Reference(child, table, keyColumn, ownerType, DeleteRule.RESTRICT));
            }
            Reference reference = references.get(k);
            if (cascade) {
                if (reference == null) {
                    // The mappedBy side is discovered when the child's class is read; remember to raise it.
                    references.put(k, new Reference(child, table, keyColumn, ownerType, DeleteRule.CASCADE));
                } else {
                    reference.rule = DeleteRule.CASCADE;
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
            linkTables.add(m -> m.joinTable(ownerType, table, keyColumn, targetColumn, target, RuleSpec.RESTRICT));
        } else {
            String table = name(collection.getCollectionTable());
            linkTables.add(m -> m.elementCollection(ownerType, table, keyColumn));
        }
    }

    private void raise(String child, Value owningValue, String parentType) {
        if (owningValue instanceof ToOne toOne && toOne.getColumnSpan() == 1) {
            String table = name(toOne.getTable());
            String column = name(toOne.getColumns().get(0));
            references.computeIfAbsent(key(child, table, column, parentType),
                    k -> new Reference(child, table, column, parentType, DeleteRule.CASCADE)).rule = DeleteRule.CASCADE;
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
                if (field.isAnnotationPresent(TenantId.class)) {
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
                .anyMatch(e -> e.getJpaEntityName().equals(type) && softDeletable(e.getRootClass()) != null);
    }

    private SoftDeletable softDeletable(PersistentClass root) {
        Class<?> type = root.getMappedClass();
        return type == null ? null : type.getAnnotation(SoftDeletable.class);
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

    /** An in-record reference found so far, whose rule a parent's cascade may still raise. */
    private static final class Reference {
        final String fromType;
        final String table;
        final String column;
        final String targetType;
        DeleteRule rule;

        Reference(String fromType, String table, String column, String targetType, DeleteRule rule) {
            this.fromType = fromType;
            this.table = table;
            this.column = column;
            this.targetType = targetType;
            this.rule = rule;
        }
    }
}
