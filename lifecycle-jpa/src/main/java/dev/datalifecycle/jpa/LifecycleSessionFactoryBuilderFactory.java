package dev.datalifecycle.jpa;

import java.util.LinkedHashMap;
import java.util.Map;
import org.hibernate.boot.SessionFactoryBuilder;
import org.hibernate.boot.spi.MetadataImplementor;
import org.hibernate.boot.spi.SessionFactoryBuilderFactory;
import org.hibernate.boot.spi.SessionFactoryBuilderImplementor;
import org.hibernate.engine.config.spi.ConfigurationService;
import org.hibernate.mapping.Join;
import org.hibernate.mapping.PersistentClass;

/**
 * Adds {@link DirectDeleteInspector} to every factory's statement inspection, in front of the host's
 * own inspector (registered in {@code META-INF/services}). It only adjusts Hibernate's builder and
 * returns none of its own, so other libraries' builder factories still work beside it.
 */
public final class LifecycleSessionFactoryBuilderFactory implements SessionFactoryBuilderFactory {

    /** Called by Hibernate's service loader. */
    public LifecycleSessionFactoryBuilderFactory() {
    }

    @Override
    public SessionFactoryBuilder getSessionFactoryBuilder(MetadataImplementor metadata, SessionFactoryBuilderImplementor defaultBuilder) {
        Map<String, Object> all = metadata.getMetadataBuildingOptions().getServiceRegistry().requireService(ConfigurationService.class)
                .getSettings();
        Map<String, Object> settings = LifecycleJpaSettings.from(all);
        if (settings == null || !LifecycleJpaSettings.options(all).refuseHostDeletes()) {
            return null;
        }
        var roots = ModelDiscovery.softDeletableRoots(metadata, settings);
        Map<String, String> tables = new LinkedHashMap<>();
        for (PersistentClass entity : metadata.getEntityBindings()) {
            if (roots.containsKey(entity.getRootClass())) {
                // A table the hierarchy shares is named by its root; a JOINED subclass's own by the subclass.
                String type = entity.getTable() == entity.getRootTable() ? entity.getRootClass().getJpaEntityName() : entity.getJpaEntityName();
                tables.put(DirectDeleteInspector.bare(entity.getTable().getName()), type);
                for (Join join : entity.getJoins()) {
                    tables.put(DirectDeleteInspector.bare(join.getTable().getName()), entity.getJpaEntityName());
                }
            }
        }
        if (!tables.isEmpty()) {
            var existing = defaultBuilder.buildSessionFactoryOptions().getStatementInspector();
            defaultBuilder.applyStatementInspector(new DirectDeleteInspector(tables, existing));
        }
        return null;
    }
}
