package dev.datalifecycle.core.model;

import java.util.List;
import java.util.Objects;

/**
 * For types that share a table (SINGLE_TABLE inheritance): the column and the values whose rows belong
 * to this type (the type's own value and its subtypes').
 *
 * @param column the discriminator column in the primary table
 * @param values the values of this type's rows
 */
public record Discriminator(String column, List<Object> values) {
    public Discriminator {
        Objects.requireNonNull(column, "column");
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("A discriminator on '" + column + "' needs at least one value");
        }
    }
}
