package dev.datalifecycle.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One table of an entity type: its primary table, or a further one (a JOINED subclass's table, a
 * secondary table) whose {@code idColumn} holds the primary table's id.
 *
 * @param name        the table's name
 * @param idColumn    the column holding the record's id
 * @param columns     the columns the model knows, by name, the id column included
 * @param identifying every record of the type has a row here, so a row of the primary table
 *                    without one belongs to another type (a JOINED subclass's table); a secondary
 *                    table is not identifying
 */
public record Table(String name, String idColumn, Map<String, Column> columns, boolean identifying) {

    /** A table that does not identify the type (a primary or secondary table). */
    public Table(String name, String idColumn, Map<String, Column> columns) {
        this(name, idColumn, columns, false);
    }

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
