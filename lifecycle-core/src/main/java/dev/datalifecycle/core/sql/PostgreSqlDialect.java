package dev.datalifecycle.core.sql;

/** PostgreSQL 12 and later. */
final class PostgreSqlDialect extends QuotingDialect {

    static final PostgreSqlDialect INSTANCE = new PostgreSqlDialect();

    private PostgreSqlDialect() {
        super("PostgreSQL", '"');
    }

    @Override
    public boolean supportsSkipLocked() {
        return true;
    }

    @Override
    public SqlBuilder summarisedUpdate(SqlBuilder update, String idColumn, java.util.function.UnaryOperator<String> aggregatesOver) {
        // A data-modifying WITH: the UPDATE runs once, whatever the outer query reads of it.
        return new SqlBuilder(this).sql("WITH lc_changed AS (").append(update).sql(" RETURNING p.").id(idColumn)
                .sql(" AS id) SELECT ").sql(aggregatesOver.apply("q.id")).sql(" FROM lc_changed q");
    }

    @Override
    public String sharedLockClause() {
        return "FOR SHARE";
    }

    @Override
    public String hashOfText(String expression) {
        return "CAST(CAST(('x' || SUBSTR(MD5(CAST(%1$s AS TEXT)), 1, 8)) AS BIT(32)) AS INTEGER)".formatted(expression);
    }

    @Override
    public String idAsText(String expression) {
        return "CAST(" + expression + " AS TEXT)";
    }

    @Override
    public String migrationFolder() {
        return "postgresql";
    }

    @Override
    public boolean prefersSetDifference() {
        return true;
    }

    @Override
    public boolean restoresInOneStatement() {
        return true;
    }
}
