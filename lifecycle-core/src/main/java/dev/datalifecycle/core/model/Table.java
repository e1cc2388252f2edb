package dev.datalifecycle.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One table of an entity type: its primary table, or a further one (a JOINED subclass's table, a
 * secondary table) whose {@code idColumn} holds the primary table's id.
 *
 * @param name     the table's name
 * @param idColumn the column holding the record's id
 * @param columns  the columns the model knows, by name, the id column included
 */
public record Table(String name, String idColumn, Map<String, Column> columns) {
    public Table {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(idColumn, "idColumn");
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    /** Whether the model knows this column of the table. */
    public boolean has(String column) {
        return columns.containsKey(column);
    }

    /** The column, or {@code null} when the model does not know it. */
    public Column column(String column) {
        return columns.get(column);
    }
}
