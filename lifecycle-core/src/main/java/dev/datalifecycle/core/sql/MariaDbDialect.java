package dev.datalifecycle.core.sql;

/** MariaDB 10.6 and later (SKIP LOCKED arrived in 10.6). */
final class MariaDbDialect extends QuotingDialect {

    static final MariaDbDialect INSTANCE = new MariaDbDialect();

    private MariaDbDialect() {
        super("MariaDB", '`');
    }

    @Override
    public boolean supportsSkipLocked() {
        return true;
    }

    @Override
    public boolean lockingReadsSeeNewerCommits() {
        return true;
    }

    @Override
    public String sharedLockClause() {
        return "LOCK IN SHARE MODE";
    }

    @Override
    public String hashOfText(String expression) {
        return "CRC32(CAST(%1$s AS CHAR))".formatted(expression);
    }

    @Override
    public void bind(java.sql.PreparedStatement statement, int index, Object value) throws java.sql.SQLException {
        // Connector/J sends a java.util.UUID as binary; MariaDB's UUID type (and CHAR(36)) takes text.
        statement.setObject(index, value instanceof java.util.UUID ? value.toString() : value);
    }

    @Override
    public String forCommonTableExpressions(String sql) {
        // Without this a hierarchy deeper than 1,000 levels would be planned short, with no error.
        return sql.contains("WITH RECURSIVE") ? "SET STATEMENT max_recursive_iterations = 4294967295 FOR " + sql : sql;
    }

    @Override
    public String idAsText(String expression) {
        return "CAST(" + expression + " AS CHAR(255))";
    }

    @Override
    public String migrationFolder() {
        return "mariadb";
    }

    @Override
    public String textAsId(String expression, dev.datalifecycle.core.model.IdType type) {
        // MariaDB casts to SIGNED, not BIGINT; its UUID type takes the text as it is.
        return switch (type) {
            case LONG, INTEGER -> "CAST(" + expression + " AS SIGNED)";
            case UUID, STRING -> expression;
        };
    }
}
