package dev.datalifecycle.core.model;

import java.util.Objects;

/**
 * A column the model knows, with whether it accepts {@code NULL} (a DETACH rule needs that).
 *
 * @param name     the name as the database knows it (the dialect quotes it)
 * @param nullable whether the column accepts {@code NULL}
 */
public record Column(String name, boolean nullable) {
    /** @throws NullPointerException when the name is missing */
    public Column {
        Objects.requireNonNull(name, "name");
    }
}
