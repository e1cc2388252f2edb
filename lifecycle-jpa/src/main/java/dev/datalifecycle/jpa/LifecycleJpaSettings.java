package dev.datalifecycle.jpa;

import dev.datalifecycle.api.DeleteRule;
import dev.datalifecycle.api.RuleSpec;
import dev.datalifecycle.api.InvalidModelException;
import dev.datalifecycle.api.spi.ActorResolver;
import dev.datalifecycle.api.spi.Authorizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
 *
 * <p>Four more settings say what the factory does with the host's own deletes, and each is read only
 * at boot (building an entry point changes none of them):
 *
 * <pre>
 * dev.datalifecycle.refuse-host-deletes = true        (default) em.remove and JPQL/native deletes of soft-deletable
 *                                                     records are refused with DirectDeleteRefusedException;
 *                                                     false leaves them to Hibernate, which deletes the rows
 * dev.datalifecycle.route-removes = an ActorResolver  (default: none) em.remove of a soft-deletable record plans and
 *                                                     deletes it through the library, as the actor it gives
 * dev.datalifecycle.route-removes.authorizer = an Authorizer   asked before a routed remove (default: allows everything)
 * dev.datalifecycle.insert-guard = true               (default) a record written under a parent in the bin is refused
 * </pre>
 *
 * Any other property under {@code dev.datalifecycle.} fails the boot, naming it.
 */
public final class LifecycleJpaSettings {

    /** The prefix of every setting of one entity. */
    public static final String PREFIX = "dev.datalifecycle.entity.";

    /** Whether the host's own deletes of soft-deletable records are refused: {@code true} (default) or {@code false}. */
    public static final String REFUSE_HOST_DELETES = "dev.datalifecycle.refuse-host-deletes";

    /** An {@link ActorResolver} (or the name of a class implementing it): routes {@code em.remove} through the library. */
    public static final String ROUTE_REMOVES = "dev.datalifecycle.route-removes";

    /** The {@link Authorizer} (or the name of a class implementing it) asked before each routed remove. */
    public static final String ROUTE_REMOVES_AUTHORIZER = "dev.datalifecycle.route-removes.authorizer";

    /** Whether a record written under a parent in the bin is refused: {@code true} (default) or {@code false}. */
    public static final String INSERT_GUARD = "dev.datalifecycle.insert-guard";

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

    /**
     * Whether the host's own {@code em.remove} and JPQL/native deletes of soft-deletable records are
     * refused (the default) or left to Hibernate, which deletes the rows and skips every rule.
     */
    public LifecycleJpaSettings refuseHostDeletes(boolean refuse) {
        properties.put(REFUSE_HOST_DELETES, refuse);
        return this;
    }

    /**
     * Opts in to routing: {@code em.remove} of a soft-deletable record (the host's own, not a cascade)
     * plans and deletes it through the library in the {@code EntityManager}'s transaction, as the
     * actor {@code actors} gives at each remove, instead of being refused. A remove the plan blocks
     * fails with the blockers.
     */
    public LifecycleJpaSettings routeRemoves(ActorResolver actors) {
        properties.put(ROUTE_REMOVES, Objects.requireNonNull(actors, "actors"));
        return this;
    }

    /** As {@link #routeRemoves(ActorResolver)}, asking {@code authorizer} before each routed remove. */
    public LifecycleJpaSettings routeRemoves(ActorResolver actors, Authorizer authorizer) {
        routeRemoves(actors);
        properties.put(ROUTE_REMOVES_AUTHORIZER, Objects.requireNonNull(authorizer, "authorizer"));
        return this;
    }

    /** Whether a record written under a parent in the bin is refused (the default) or let through. */
    public LifecycleJpaSettings insertGuard(boolean on) {
        properties.put(INSERT_GUARD, on);
        return this;
    }

    /** The settings as {@code EntityManagerFactory} properties. */
    public Map<String, Object> toProperties() {
        return new LinkedHashMap<>(properties);
    }

    /**
     * What the factory does with the host's own deletes and writes, read from its properties once at
     * boot.
     *
     * @param refuseHostDeletes whether the host's own deletes of soft-deletable records are refused
     * @param routing           who acts in a routed remove, or null when removes are not routed
     * @param routingAuthorizer asked before each routed remove
     * @param insertGuard       whether a record written under a parent in the bin is refused
     */
    record Options(boolean refuseHostDeletes, ActorResolver routing, Authorizer routingAuthorizer, boolean insertGuard) {
    }

    /**
     * Reads {@link Options} from a factory's properties.
     *
     * @throws InvalidModelException listing every property under {@code dev.datalifecycle.} that is unknown or has a value
     *                               of the wrong kind
     */
    static Options options(Map<String, ?> properties) {
        List<String> problems = new ArrayList<>();
        properties.forEach((key, value) -> {
            if (key.startsWith("dev.datalifecycle.") && !key.startsWith(PREFIX) && !KNOWN.contains(key)) {
                problems.add("Unknown setting " + key + " = " + value + ": the settings are " + KNOWN + " and " + PREFIX + "<entity>.*");
            }
        });
        boolean refuse = flag(properties, REFUSE_HOST_DELETES, problems);
        boolean guard = flag(properties, INSERT_GUARD, problems);
        ActorResolver routing = instance(properties, ROUTE_REMOVES, ActorResolver.class, problems);
        Authorizer authorizer = instance(properties, ROUTE_REMOVES_AUTHORIZER, Authorizer.class, problems);
        if (authorizer != null && routing == null) {
            problems.add(ROUTE_REMOVES_AUTHORIZER + " is set but " + ROUTE_REMOVES + " is not: set both, or neither");
        }
        if (!problems.isEmpty()) {
            throw new InvalidModelException(problems);
        }
        return new Options(refuse, routing, authorizer == null ? Authorizer.allowAll() : authorizer, guard);
    }

    private static final List<String> KNOWN = List.of(LifecycleIntegrator.ENABLED, REFUSE_HOST_DELETES, ROUTE_REMOVES,
            ROUTE_REMOVES_AUTHORIZER, INSERT_GUARD);

    /** A true/false setting, true when absent. */
    private static boolean flag(Map<String, ?> properties, String key, List<String> problems) {
        Object value = properties.get(key);
        if (value == null || Boolean.TRUE.equals(value) || "true".equalsIgnoreCase(value.toString().trim())) {
            return true;
        }
        if (Boolean.FALSE.equals(value) || "false".equalsIgnoreCase(value.toString().trim())) {
            return false;
        }
        problems.add(key + " = " + value + " is neither true nor false");
        return true;
    }

    /** An object setting: an instance of {@code type}, or the name of a class implementing it with a public no-argument constructor. */
    private static <T> T instance(Map<String, ?> properties, String key, Class<T> type, List<String> problems) {
        Object value = properties.get(key);
        if (value == null || type.isInstance(value)) {
            return type.cast(value);
        }
        if (value instanceof String name && !name.isBlank()) {
            try {
                Object made = Class.forName(name.trim(), true, Thread.currentThread().getContextClassLoader()).getConstructor().newInstance();
                if (type.isInstance(made)) {
                    return type.cast(made);
                }
            } catch (ReflectiveOperationException | LinkageError e) {
                problems.add(key + " = " + name + ": cannot make one (" + e + "); give a class with a public no-argument constructor");
                return null;
            }
        }
        problems.add(key + " = " + value + " is not a " + type.getSimpleName() + " nor the name of a class implementing it");
        return null;
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
