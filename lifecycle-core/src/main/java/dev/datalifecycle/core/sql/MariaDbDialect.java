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

    /**
     * A user variable per slot, added to as each row is changed: MariaDB evaluates an UPDATE's SET
     * expressions once for each row it changes, in order, so the variable ends as the sum over exactly
     * the changed rows (the running-total idiom; MariaDB, unlike MySQL 8, does not deprecate it). The
     * sum is only ever compared with the plan's: were it wrong, the delete would refuse as stale and
     * change nothing.
     */
    @Override
    public SqlBuilder summingValue(SqlBuilder value, String hash, int slot) {
        return new SqlBuilder(this).sql("IF((@lc_sum" + slot + " := @lc_sum" + slot + " + " + hash + ") IS NULL, NULL, ").append(value)
                .sql(")");
    }

    @Override
    public boolean prefersNotIn() {
        return true;
    }

    @Override
    public boolean keepsRunningSums() {
        return true;
    }

    @Override
    public String resetRunningSums(int slots) {
        StringBuilder sql = new StringBuilder("SET ");
        for (int i = 0; i < slots; i++) {
            sql.append(i == 0 ? "" : ", ").append("@lc_sum").append(i).append(" = 0");
        }
        return sql.toString();
    }

    @Override
    public String readRunningSums(int slots) {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < slots; i++) {
            sql.append(i == 0 ? "" : ", ").append("@lc_sum").append(i);
        }
        return sql.toString();
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
