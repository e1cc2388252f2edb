package dev.datalifecycle.core.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL text with its bind values, built together so a value is never concatenated into the text.
 * Identifiers are quoted by the dialect and come from the validated model only.
 */
public final class SqlBuilder {

    private final Dialect dialect;
    private final StringBuilder sql = new StringBuilder();
    private final List<Object> values = new ArrayList<>();

    /** An empty statement for {@code dialect}. */
    public SqlBuilder(Dialect dialect) {
        this.dialect = dialect;
    }

    /** The dialect that quotes and binds. */
    public Dialect dialect() {
        return dialect;
    }

    /** Appends SQL text (keywords, punctuation, aliases): never a value. */
    public SqlBuilder sql(String text) {
        sql.append(text);
        return this;
    }

    /** Appends an identifier from the model, quoted where it must be ({@link Dialect#identifier}). */
    public SqlBuilder id(String identifier) {
        sql.append(dialect.identifier(identifier));
        return this;
    }

    /** Appends {@code alias.} and a column from the model. */
    public SqlBuilder column(String alias, String column) {
        sql.append(alias).append('.').append(dialect.identifier(column));
        return this;
    }

    /** Appends a {@code ?} bound to {@code value}. */
    public SqlBuilder bind(Object value) {
        sql.append('?');
        values.add(value);
        return this;
    }

    /** Appends {@code ?, ?, ...} bound to {@code values}. */
    public SqlBuilder bindAll(List<?> list) {
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                sql.append(", ");
            }
            bind(list.get(i));
        }
        return this;
    }

    /** Appends another builder's text and values. */
    public SqlBuilder append(SqlBuilder other) {
        sql.append(other.sql);
        values.addAll(other.values);
        return this;
    }

    /** Whether nothing was appended. */
    public boolean isEmpty() {
        return sql.length() == 0;
    }

    /** Prepares the statement on {@code connection} and binds every value through the dialect. */
    public PreparedStatement prepare(Connection connection) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(dialect.forCommonTableExpressions(sql.toString()));
        try {
            for (int i = 0; i < values.size(); i++) {
                dialect.bind(statement, i + 1, values.get(i));
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    /**
     * Runs the statement as an update and returns its count; a failure names the table it worked on
     * ({@link SqlFailures.TableFailure}).
     */
    public long executeUpdate(Connection connection) throws SQLException {
        try (PreparedStatement statement = prepare(connection)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            String table = SqlFailures.targetTable(sql.toString());
            throw table == null || e instanceof SqlFailures.TableFailure ? e : new SqlFailures.TableFailure(table, e);
        }
    }

    /** The values bound so far, in order. */
    public List<Object> values() {
        return List.copyOf(values);
    }

    @Override
    public String toString() {
        return sql.toString();
    }
}
