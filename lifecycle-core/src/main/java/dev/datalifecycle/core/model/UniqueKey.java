package dev.datalifecycle.core.model;

import java.util.List;
import java.util.Objects;

/**
 * A set of columns whose values are unique among live records of a type; a restore must not bring
 * back a record whose key a live record now holds.
 *
 * @param name    the constraint's or key's name
 * @param table   the table of the columns
 * @param columns the columns, in order
 */
public record UniqueKey(String name, String table, List<String> columns) {
    public UniqueKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(table, "table");
        columns = List.copyOf(columns);
    }
}
