package dev.datalifecycle.core.model;

import dev.datalifecycle.api.RuleSpec;
import java.util.Objects;

/**
 * A reference from one record type to another, and what happens to the referencing records when
 * the referenced one is deleted.
 *
 * <ul>
 *   <li>{@link DependencyKind#FOREIGN_KEY} and {@link DependencyKind#DECLARED_REFERENCE}: records of
 *       {@code fromType} whose {@code column} (in {@code table}, one of its tables) holds a
 *       {@code targetType} id. {@code ownerColumn} is {@code null}.</li>
 *   <li>{@link DependencyKind#JOIN_TABLE}: rows of the link {@code table} whose {@code ownerColumn}
 *       holds a {@code fromType} id and whose {@code column} holds a {@code targetType} id. The rule
 *       applies to the links when the target is deleted (CASCADE deletes the owners); when the owner
 *       is deleted its links go with it.</li>
 *   <li>{@link DependencyKind#ELEMENT_COLLECTION}: rows of {@code table} whose {@code ownerColumn}
 *       (also {@code column}) holds a {@code fromType} id; {@code targetType} is the owner. They go
 *       with their owner.</li>
 * </ul>
 *
 * @param name        how plans and messages name it, e.g. {@code Contract.customer_id}
 * @param kind        the kind of reference
 * @param fromType    the referencing (or owning) type
 * @param table       the table holding the reference
 * @param column      the referencing column
 * @param ownerColumn for link and collection tables, the column holding the owner's id
 * @param targetType  the referenced type
 * @param rule        what happens to referencing records when the target is deleted
 */
public record Dependency(String name, DependencyKind kind, String fromType, String table, String column,
        String ownerColumn, String targetType, RuleSpec rule) {

    /** @throws NullPointerException when a part other than {@code ownerColumn} is missing */
    public Dependency {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(fromType, "fromType");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(targetType, "targetType");
        Objects.requireNonNull(rule, "rule");
    }

    /** Whether the reference lives in a row of {@code fromType} itself (not a link or collection row). */
    public boolean inRecord() {
        return kind == DependencyKind.FOREIGN_KEY || kind == DependencyKind.DECLARED_REFERENCE;
    }

    @Override
    public String toString() {
        return name + " -> " + targetType + " (" + kind + ", " + rule + ")";
    }
}
