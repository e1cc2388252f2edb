package dev.datalifecycle.core.sql;

/** MariaDB 10.6 and later (SKIP LOCKED arrived in 10.6). */
final class MariaDbDialect extends QuotingDialect {

    static final MariaDbDialect INSTANCE = new MariaDbDialect();

    /** A day inside the range of {@code UNIX_TIMESTAMP} (1970 to 2038-01-19 UTC) at either end, whatever the session's time zone. */
    private static final java.sql.Timestamp CLOCK_FROM = java.sql.Timestamp.from(java.time.Instant.parse("1970-01-02T00:00:00Z"));
    private static final java.sql.Timestamp CLOCK_UNTIL = java.sql.Timestamp.from(java.time.Instant.parse("2038-01-18T00:00:00Z"));
    private static final String SET_STATEMENT = "SET STATEMENT ";

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

    /**
     * MariaDB converts a bound time from text for every row an UPDATE changes (0.6 ms per 5,000 rows),
     * where {@code CURRENT_TIMESTAMP} is read once per statement: the statement runs with its clock set
     * to {@code at}, read from the same text in the same session time zone, so the column gets the value
     * binding would have given it, on TIMESTAMP and DATETIME columns alike (decision 015). Outside the
     * years {@code UNIX_TIMESTAMP} covers, where it would answer NULL and the clock stay unset, the time
     * is bound.
     */
    @Override
    public SqlBuilder stampedUpdate(java.sql.Timestamp at, java.util.function.Function<SqlBuilder, SqlBuilder> update) {
        if (at.before(CLOCK_FROM) || !at.before(CLOCK_UNTIL)) {
            return super.stampedUpdate(at, update);
        }
        return new SqlBuilder(this).sql(SET_STATEMENT + "timestamp = UNIX_TIMESTAMP(").bind(at).sql(") FOR ")
                .append(update.apply(new SqlBuilder(this).sql("CURRENT_TIMESTAMP(6)")));
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
        if (!sql.contains("WITH RECURSIVE")) {
            return sql;
        }
        String lifted = "max_recursive_iterations = 4294967295";
        // A statement may already set its clock (stampedUpdate): one SET STATEMENT takes both.
        return sql.startsWith(SET_STATEMENT) ? SET_STATEMENT + lifted + ", " + sql.substring(SET_STATEMENT.length())
                : SET_STATEMENT + lifted + " FOR " + sql;
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
