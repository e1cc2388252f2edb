package dev.datalifecycle.core.sql;

import dev.datalifecycle.api.Criteria;

/**
 * Renders {@link Criteria} as a two-valued SQL condition: true or false for every row, never
 * {@code NULL}, so that negating it and combining branches can never drop a row into neither. A
 * comparison with a {@code NULL} column is false; values are bound, never concatenated.
 */
public final class CriteriaSql {

    private CriteriaSql() {
    }

    /** Appends {@code criteria} on the columns of the table aliased {@code alias}. */
    public static void render(Criteria criteria, String alias, SqlBuilder sql) {
        if (criteria instanceof Criteria.Comparison c) {
            comparison(c, alias, sql);
        } else if (criteria instanceof Criteria.All all) {
            join(all.parts(), " AND ", alias, sql);
        } else if (criteria instanceof Criteria.Any any) {
            join(any.parts(), " OR ", alias, sql);
        } else if (criteria instanceof Criteria.Not not) {
            sql.sql("(NOT ");
            render(not.part(), alias, sql);
            sql.sql(")");
        } else {
            throw new dev.datalifecycle.api.InvalidRequestException("Unknown criteria " + criteria);
        }
    }

    private static void join(java.util.List<Criteria> parts, String operator, String alias, SqlBuilder sql) {
        sql.sql("(");
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                sql.sql(operator);
            }
            render(parts.get(i), alias, sql);
        }
        sql.sql(")");
    }

    private static void comparison(Criteria.Comparison c, String alias, SqlBuilder sql) {
        switch (c.operator()) {
            case IS_NULL -> sql.sql("(").column(alias, c.column()).sql(" IS NULL)");
            case IS_NOT_NULL -> sql.sql("(").column(alias, c.column()).sql(" IS NOT NULL)");
            case IN, NOT_IN -> {
                sql.sql("(").column(alias, c.column()).sql(" IS NOT NULL AND ").column(alias, c.column())
                        .sql(c.operator() == Criteria.Operator.IN ? " IN (" : " NOT IN (");
                sql.bindAll(c.values().stream().map(CriteriaSql::value).toList()).sql("))");
            }
            default -> sql.sql("(").column(alias, c.column()).sql(" IS NOT NULL AND ").column(alias, c.column())
                    .sql(" ").sql(symbol(c.operator())).sql(" ").bind(value(c.values().get(0))).sql(")");
        }
    }

    private static Object value(Object value) {
        return value instanceof Enum<?> e ? e.name() : value;
    }

    private static String symbol(Criteria.Operator operator) {
        return switch (operator) {
            case EQ -> "=";
            case NE -> "<>";
            case LT -> "<";
            case LE -> "<=";
            case GT -> ">";
            case GE -> ">=";
            default -> throw new dev.datalifecycle.api.InvalidRequestException(operator + " is not a binary comparison");
        };
    }
}
