package dev.datalifecycle.core.model;

import dev.datalifecycle.api.RuleSpec;
import dev.datalifecycle.api.UnknownEntityTypeException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the engine knows about the host's records: entity types, dependencies and their delete
 * rules, and whether records belong to tenants. Immutable; built and validated once by
 * {@link #builder()} (hosts on plain JDBC, jOOQ or MyBatis) or by the JPA module's discovery.
 *
 * <pre>{@code
 * LifecycleModel model = LifecycleModel.builder()
 *         .type("Customer", t -> t.table("customer").id("id", IdType.LONG).markers("deletion_id", "deleted_at"))
 *         .type("Contact", t -> t.table("contact").id("id", IdType.LONG).markers("deletion_id", "deleted_at")
 *                 .notNull("customer_id"))
 *         .reference("Contact", "customer_id", "Customer", RuleSpec.of(DeleteRule.CASCADE))
 *         .build();
 * }</pre>
 */
public final class LifecycleModel {

    private final Map<String, EntityType> types;
    private final List<Dependency> dependencies;
    private final boolean tenants;

    LifecycleModel(Map<String, EntityType> types, List<Dependency> dependencies, boolean tenants) {
        this.types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
        this.dependencies = List.copyOf(dependencies);
        this.tenants = tenants;
    }

    /** Starts a model; {@link LifecycleModelBuilder#build()} validates it. */
    public static LifecycleModelBuilder builder() {
        return new LifecycleModelBuilder();
    }

    /** The entity types by name, in the order they were declared. */
    public Map<String, EntityType> types() {
        return types;
    }

    /**
     * The entity type with this name.
     *
     * @throws UnknownEntityTypeException naming the types the model knows
     */
    public EntityType type(String name) {
        EntityType type = types.get(name);
        if (type == null) {
            throw new UnknownEntityTypeException(name, types.keySet());
        }
        return type;
    }

    /** Every dependency, in the order declared. */
    public List<Dependency> dependencies() {
        return dependencies;
    }

    /** The dependencies that reference {@code type} (whose target it is). */
    public List<Dependency> dependenciesOn(String type) {
        return dependencies.stream().filter(d -> d.targetType().equals(type)).toList();
    }

    /** Whether records belong to tenants, so that every query is restricted to the actor's. */
    public boolean tenants() {
        return tenants;
    }

    @Override
    public String toString() {
        return "LifecycleModel[" + types.size() + " types, " + dependencies.size() + " dependencies"
                + (tenants ? ", tenants" : "") + "]";
    }
}
