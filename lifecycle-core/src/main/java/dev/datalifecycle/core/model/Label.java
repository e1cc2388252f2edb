package dev.datalifecycle.core.model;

import java.util.Objects;

/**
 * How a record of a type is named in the recycle bin ("Acme Ltd", "Ann Smith"): a column of its
 * primary table, or a SQL expression of text type over that table's columns, unqualified
 * ({@code first_name || ' ' || last_name}). The delete reads it in the same statement that records
 * the deletion; a purge erases it with the rest of the personal data.
 *
 * @param column     the column, or null for an expression
 * @param expression the SQL expression, or null for a column
 */
public record Label(String column, String expression) {

    /** @throws IllegalArgumentException unless exactly one of the two is given */
    public Label {
        if ((column == null) == (expression == null)) {
            throw new IllegalArgumentException("A label is a column or an expression, exactly one of them");
        }
    }

    /** A label read from {@code column}. */
    public static Label ofColumn(String column) {
        return new Label(Objects.requireNonNull(column, "column"), null);
    }

    /** A label computed by {@code expression}, SQL over the primary table's columns. */
    public static Label ofExpression(String expression) {
        return new Label(null, Objects.requireNonNull(expression, "expression"));
    }
}
