package dev.datalifecycle.jpa;

import dev.datalifecycle.api.DeleteRule;
import dev.datalifecycle.core.model.RuleSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Boot settings that change what discovery reads from the mappings, without touching entity code:
 * which entities are soft-deletable, the delete rule of a reference, plain attributes that reference
 * another entity. They travel as properties of the {@code EntityManagerFactory}, so a framework can
 * bind the same from its configuration file:
 *
 * <pre>
 * dev.datalifecycle.entity.Customer.soft-deletable = true
 * dev.datalifecycle.entity.Customer.deletion-id-column = deletion_id     (optional)
 * dev.datalifecycle.entity.Customer.deleted-at-column = deleted_at       (optional; may be a timestamp the table has already)
 * dev.datalifecycle.entity.Customer.deleted-flag-column = is_deleted     (optional; a boolean flag the table has already)
 * dev.datalifecycle.entity.Contact.rule.customer = CASCADE
 * dev.datalifecycle.entity.Invoice.references.customerId = Customer
 * </pre>
 *
 * <pre>{@code
 * Map<String, Object> properties = LifecycleJpa.configure()
 *         .softDeletable("Customer")
 *         .rule("Contact", "customer", DeleteRule.CASCADE)
 *         .rule("Contract", "customer", RuleSpec.when(Criteria.eq("status", "CLOSED"), DeleteRule.CASCADE))
 *         .references("Invoice", "customerId", "Customer")
 *         .toProperties();
 * }</pre>
 *
 * Entities are named by their JPA entity name, attributes by their attribute name (a conditional
 * rule's criteria too); discovery checks every name at boot and fails it listing what it did not
 * find. Settings win over annotations, which win over what the mapping implies.
 */
public final class LifecycleJpaSettings {

    /** The prefix of every setting. */
    public static final String PREFIX = "dev.datalifecycle.entity.";

    private final Map<String, Object> properties = new LinkedHashMap<>();

    LifecycleJpaSettings() {
    }

    /** The entity goes to the recycle bin, with the default marker columns. */
    public LifecycleJpaSettings softDeletable(String entity) {
        properties.put(PREFIX + entity + ".soft-deletable", "true");
        return this;
    }

    /** The entity goes to the recycle bin, with these marker columns (logical names). */
    public LifecycleJpaSettings softDeletable(String entity, String deletionIdColumn, String deletedAtColumn) {
        softDeletable(entity);
        properties.put(PREFIX + entity + ".deletion-id-column", Objects.requireNonNull(deletionIdColumn));
        properties.put(PREFIX + entity + ".deleted-at-column", Objects.requireNonNull(deletedAtColumn));
        return this;
    }

    /**
     * The entity's table has a boolean deleted flag already (logical name): the library keeps it in
     * step, true while a row is in the bin.
     */
    public LifecycleJpaSettings deletedFlag(String entity, String deletedFlagColumn) {
        properties.put(PREFIX + entity + ".deleted-flag-column", Objects.requireNonNull(deletedFlagColumn));
        return this;
    }

    /** Names {@code entity}'s records in the recycle bin by this attribute (a column of its own table). */
    public LifecycleJpaSettings label(String entity, String attribute) {
        properties.put(PREFIX + entity + ".label", Objects.requireNonNull(attribute));
        return this;
    }

    /** Names {@code entity}'s records in the recycle bin by this SQL expression of text type over its table's columns. */
    public LifecycleJpaSettings labelExpression(String entity, String sql) {
        properties.put(PREFIX + entity + ".label-expression", Objects.requireNonNull(sql));
        return this;
    }

    /** The rule of the reference held by {@code entity.attribute}. */
    public LifecycleJpaSettings rule(String entity, String attribute, DeleteRule rule) {
        properties.put(PREFIX + entity + ".rule." + attribute, rule.name());
        return this;
    }

    /** A conditional rule of the reference held by {@code entity.attribute}; criteria name attributes. */
    public LifecycleJpaSettings rule(String entity, String attribute, RuleSpec rule) {
        properties.put(PREFIX + entity + ".rule." + attribute, Objects.requireNonNull(rule));
        return this;
    }

    /** The plain attribute {@code entity.attribute} holds ids of {@code target}. */
    public LifecycleJpaSettings references(String entity, String attribute, String target) {
        properties.put(PREFIX + entity + ".references." + attribute, Objects.requireNonNull(target));
        return this;
    }

    /** The settings as {@code EntityManagerFactory} properties. */
    public Map<String, Object> toProperties() {
        return new LinkedHashMap<>(properties);
    }

    /**
     * The library's settings among a factory's {@code properties} (those under {@link #PREFIX}), or
     * null when the properties switch the library off for that factory ({@value LifecycleIntegrator#ENABLED}
     * = false). Each boot hook reads them the same way.
     */
    static Map<String, Object> from(Map<String, ?> properties) {
        Object enabled = properties.get(LifecycleIntegrator.ENABLED);
        if (enabled != null && "false".equalsIgnoreCase(enabled.toString())) {
            return null;
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        properties.forEach((key, value) -> {
            if (key.startsWith(PREFIX)) {
                settings.put(key, value);
            }
        });
        return settings;
    }
}
