package dev.datalifecycle.jpa;

import dev.datalifecycle.api.InvalidModelException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.SoftDeleteType;
import org.hibernate.boot.ResourceStreamLocator;
import org.hibernate.boot.spi.AdditionalMappingContributions;
import org.hibernate.boot.spi.AdditionalMappingContributor;
import org.hibernate.boot.spi.InFlightMetadataCollector;
import org.hibernate.boot.spi.MetadataBuildingContext;
import org.hibernate.engine.config.spi.ConfigurationService;
import org.hibernate.mapping.BasicValue;
import org.hibernate.mapping.Collection;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.Property;
import org.hibernate.mapping.RootClass;
import org.hibernate.mapping.Table;

/**
 * Makes deleted records invisible to every read the host makes through Hibernate, fixed while the
 * mappings are built (registered in {@code META-INF/services}, so it takes part in every boot). Each
 * soft-deletable entity gets the restriction {@code deleted_at IS NULL} that {@code @SQLRestriction}
 * would give it, and so does every collection of its records; Hibernate puts it into its SQL tree
 * wherever the entity's table is read: {@code find}, proxies, queries and their joins, collections,
 * to-one fetches, subclasses. It also adds both marker columns to the table's mapping, so schema
 * generation creates them. Decision 010 says why this and not Hibernate's {@code @SoftDelete} or a
 * filter.
 */
public final class LifecycleMappingContributor implements AdditionalMappingContributor {

    /** Called by Hibernate's service loader. */
    public LifecycleMappingContributor() {
    }

    @Override
    public String getContributorName() {
        return "data-lifecycle";
    }

    @Override
    public void contribute(AdditionalMappingContributions contributions, InFlightMetadataCollector metadata,
            ResourceStreamLocator resourceStreamLocator, MetadataBuildingContext buildingContext) {
        Map<String, Object> all = buildingContext.getBootstrapContext().getServiceRegistry().requireService(ConfigurationService.class)
                .getSettings();
        Map<String, Object> settings = LifecycleJpaSettings.from(all);
        if (settings == null) {
            return;
        }
        List<String> problems = new ArrayList<>();
        Map<RootClass, List<String>> roots = ModelDiscovery.softDeletableRoots(metadata, settings);
        roots.forEach((root, markers) -> {
            String problem = restrict(root, markers.get(0), markers.get(1), buildingContext);
            if (problem != null) {
                problems.add(problem);
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidModelException(problems);
        }
        Map<String, String> restrictionOf = new java.util.HashMap<>();
        for (var entity : metadata.getEntityBindings()) {
            List<String> markers = roots.get(entity.getRootClass());
            if (markers != null) {
                restrictionOf.put(entity.getEntityName(), markers.get(1) + " is null");
                if (entity.getTable() != entity.getRootClass().getTable()) {
                    // A JOINED subclass: its collections read its own table, which has no marker.
                    var root = entity.getRootClass();
                    String rootId = ((Column) root.getIdentifier().getSelectables().get(0)).getQuotedName();
                    String ownId = ((Column) entity.getKey().getSelectables().get(0)).getQuotedName();
                    restrictionOf.put(entity.getEntityName(), "exists (select 1 from " + root.getTable().getQuotedName() + " lc_r where lc_r."
                            + rootId + " = " + ownId + " and lc_r." + markers.get(1) + " is null)");
                }
            }
        }
        for (Collection collection : metadata.getCollectionBindings()) {
            restrict(collection, restrictionOf);
        }
    }

    /**
     * A restriction on an entity does not reach the collections that hold it: each collection of
     * soft-deletable records gets its own, on the element's table (one-to-many) or beside the link
     * table (many-to-many).
     */
    private static void restrict(Collection collection, Map<String, String> restrictionOf) {
        if (collection.getElement() instanceof org.hibernate.mapping.OneToMany element) {
            String restriction = restrictionOf.get(element.getReferencedEntityName());
            if (restriction != null) {
                collection.setWhere(and(collection.getWhere(), restriction));
            }
        } else if (collection.getElement() instanceof org.hibernate.mapping.ManyToOne element) {
            String restriction = restrictionOf.get(element.getReferencedEntityName());
            if (restriction != null) {
                collection.setManyToManyWhere(and(collection.getManyToManyWhere(), restriction));
            }
        }
    }

    private static String and(String existing, String restriction) {
        return existing == null || existing.isBlank() ? restriction : "(" + existing + ") and " + restriction;
    }

    /** Restricts every read of {@code root}'s hierarchy to live rows; returns why it cannot, or null. */
    private static String restrict(RootClass root, String deletionId, String deletedAt, MetadataBuildingContext context) {
        Table table = root.getTable();
        Column existing = root.getSoftDeleteColumn();
        if (existing != null) {
            // The host put Hibernate's @SoftDelete on it as well: fine when it is the same timestamp.
            if (root.getSoftDeleteStrategy() == SoftDeleteType.TIMESTAMP && sameName(existing, deletedAt)) {
                addMarker(table, deletionId, String.class, 36, context);
                return null;
            }
            return root.getJpaEntityName() + ": Hibernate's @SoftDelete on it uses column " + existing.getName() + " ("
                    + root.getSoftDeleteStrategy() + "); the recycle bin needs it on the deleted-at marker " + deletedAt
                    + " with strategy TIMESTAMP, or no @SoftDelete at all (the library then applies it)";
        }
        for (Property property : root.getPropertyClosure()) {
            for (var selectable : property.getSelectables()) {
                if (selectable instanceof Column column && (sameName(column, deletedAt) || sameName(column, deletionId))
                        && (property.isInsertable() || property.isUpdatable())) {
                    return root.getJpaEntityName() + "." + property.getName() + " maps the marker column " + column.getName()
                            + ", which the library writes: map it with @Column(insertable = false, updatable = false), or drop the"
                            + " attribute";
                }
            }
        }
        addMarker(table, deletionId, String.class, 36, context);
        addMarker(table, deletedAt, java.time.Instant.class, null, context);
        root.setWhere(and(root.getWhere(), deletedAt + " is null"));
        return null;
    }

    /** The table's column of that name, added (with a value of {@code javaType}) when the mapping has none. */
    private static Column addMarker(Table table, String name, Class<?> javaType, Integer length, MetadataBuildingContext context) {
        for (Column column : table.getColumns()) {
            if (sameName(column, name)) {
                return column;
            }
        }
        BasicValue value = new BasicValue(context, table);
        value.setImplicitJavaTypeAccess(typeConfiguration -> javaType);
        Column column = new Column(name.startsWith("\"") ? "`" + name.substring(1, name.length() - 1) + "`" : name);
        column.setNullable(true);
        if (length != null) {
            column.setLength(length);
        }
        column.setValue(value);
        value.addColumn(column);
        table.addColumn(column);
        return column;
    }

    private static boolean sameName(Column column, String name) {
        String bare = name.startsWith("\"") ? name.substring(1, name.length() - 1) : name;
        return column.isQuoted() ? column.getName().equals(bare) : column.getName().equalsIgnoreCase(bare);
    }
}
