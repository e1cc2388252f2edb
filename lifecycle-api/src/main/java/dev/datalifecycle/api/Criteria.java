package dev.datalifecycle.api;

import java.util.List;
import java.util.Objects;

/**
 * A condition on a record's columns, as data: never an SQL string. Conditional delete rules use it
 * ("an open contract blocks, a closed one cascades"), and so will batch delete by criteria. The
 * engine renders it to SQL with bound parameters and evaluates it in the database, never per record
 * in Java.
 *
 * <pre>{@code
 * Criteria open = Criteria.eq("status", "OPEN");
 * Criteria settled = Criteria.in("status", "CLOSED", "CANCELLED").and(Criteria.isNotNull("closed_at"));
 * }</pre>
 *
 * <p>Every criteria is true or false for a row, never unknown: a comparison (other than
 * {@link #isNull}) with a column that is {@code NULL} is false, and {@link #negate()} is plain boolean
 * negation. So {@code ne("status", "OPEN")} does not match a {@code NULL} status while
 * {@code eq("status", "OPEN").negate()} does. A conditional rule sends a row that matches none of its
 * branches, a {@code NULL} status included, to RESTRICT.
 */
public sealed interface Criteria {

    /** How a column is compared with values. */
    enum Operator {
        /** Equal to the one value. */
        EQ,
        /** Not equal to the one value. */
        NE,
        /** Less than the one value. */
        LT,
        /** Less than or equal to the one value. */
        LE,
        /** Greater than the one value. */
        GT,
        /** Greater than or equal to the one value. */
        GE,
        /** Equal to one of the values. */
        IN,
        /** Equal to none of the values. */
        NOT_IN,
        /** The column is {@code NULL} (no values). */
        IS_NULL,
        /** The column is not {@code NULL} (no values). */
        IS_NOT_NULL
    }

    /**
     * One column compared with values.
     *
     * @param column   the column's name as the model knows it
     * @param operator the comparison
     * @param values   the values, none {@code null}: one for EQ..GE, at least one for IN and NOT_IN,
     *                 none for IS_NULL and IS_NOT_NULL
     */
    record Comparison(String column, Operator operator, List<Object> values) implements Criteria {
        /**
         * @throws InvalidRequestException when the number of values does not fit the operator, or a
         *                                  value is {@code null} (use IS_NULL)
         */
        public Comparison {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(operator, "operator");
            for (Object value : values) {
                if (value == null) {
                    throw new InvalidRequestException("Criteria on '" + column + "' compares with null: use Criteria.isNull");
                }
            }
            values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
            int n = values.size();
            boolean fits = switch (operator) {
                case IS_NULL, IS_NOT_NULL -> n == 0;
                case IN, NOT_IN -> n >= 1;
                default -> n == 1;
            };
            if (!fits) {
                throw new InvalidRequestException("Criteria " + operator + " on '" + column + "' takes "
                        + (operator == Operator.IN || operator == Operator.NOT_IN ? "at least one value"
                                : operator == Operator.IS_NULL || operator == Operator.IS_NOT_NULL ? "no values" : "one value")
                        + ", got " + n);
            }
        }

        @Override
        public String toString() {
            return switch (operator) {
                case IS_NULL -> column + " IS NULL";
                case IS_NOT_NULL -> column + " IS NOT NULL";
                case IN, NOT_IN -> column + (operator == Operator.IN ? " IN " : " NOT IN ") + values.toString()
                        .replace('[', '(').replace(']', ')');
                case EQ -> column + " = " + values.get(0);
                case NE -> column + " <> " + values.get(0);
                case LT -> column + " < " + values.get(0);
                case LE -> column + " <= " + values.get(0);
                case GT -> column + " > " + values.get(0);
                case GE -> column + " >= " + values.get(0);
            };
        }
    }

    /** All of the parts hold. */
    record All(List<Criteria> parts) implements Criteria {
        /** @throws InvalidRequestException when there are no parts */
        public All {
            parts = List.copyOf(parts);
            if (parts.isEmpty()) {
                throw new InvalidRequestException("Criteria.all needs at least one part");
            }
        }

        @Override
        public String toString() {
            return "(" + String.join(" AND ", parts.stream().map(Object::toString).toList()) + ")";
        }
    }

    /** At least one of the parts holds. */
    record Any(List<Criteria> parts) implements Criteria {
        /** @throws InvalidRequestException when there are no parts */
        public Any {
            parts = List.copyOf(parts);
            if (parts.isEmpty()) {
                throw new InvalidRequestException("Criteria.any needs at least one part");
            }
        }

        @Override
        public String toString() {
            return "(" + String.join(" OR ", parts.stream().map(Object::toString).toList()) + ")";
        }
    }

    /** The part does not hold. */
    record Not(Criteria part) implements Criteria {
        /** @throws NullPointerException when the part is missing */
        public Not {
            Objects.requireNonNull(part, "part");
        }

        @Override
        public String toString() {
            return "NOT " + part;
        }
    }

    /** {@code column = value}. */
    static Criteria eq(String column, Object value) {
        return new Comparison(column, Operator.EQ, java.util.Collections.singletonList(value));
    }

    /** {@code column <> value} (false for {@code NULL}). */
    static Criteria ne(String column, Object value) {
        return new Comparison(column, Operator.NE, java.util.Collections.singletonList(value));
    }

    /** {@code column < value}. */
    static Criteria lt(String column, Object value) {
        return new Comparison(column, Operator.LT, java.util.Collections.singletonList(value));
    }

    /** {@code column <= value}. */
    static Criteria le(String column, Object value) {
        return new Comparison(column, Operator.LE, java.util.Collections.singletonList(value));
    }

    /** {@code column > value}. */
    static Criteria gt(String column, Object value) {
        return new Comparison(column, Operator.GT, java.util.Collections.singletonList(value));
    }

    /** {@code column >= value}. */
    static Criteria ge(String column, Object value) {
        return new Comparison(column, Operator.GE, java.util.Collections.singletonList(value));
    }

    /** {@code column IN (values)}. */
    static Criteria in(String column, Object... values) {
        return new Comparison(column, Operator.IN, java.util.Arrays.asList(values));
    }

    /** {@code column NOT IN (values)} (false for {@code NULL}). */
    static Criteria notIn(String column, Object... values) {
        return new Comparison(column, Operator.NOT_IN, java.util.Arrays.asList(values));
    }

    /** {@code column IS NULL}. */
    static Criteria isNull(String column) {
        return new Comparison(column, Operator.IS_NULL, List.of());
    }

    /** {@code column IS NOT NULL}. */
    static Criteria isNotNull(String column) {
        return new Comparison(column, Operator.IS_NOT_NULL, List.of());
    }

    /** This and {@code other}. */
    default Criteria and(Criteria other) {
        return new All(List.of(this, other));
    }

    /** This or {@code other}. */
    default Criteria or(Criteria other) {
        return new Any(List.of(this, other));
    }

    /** Not this. */
    default Criteria negate() {
        return new Not(this);
    }
}
