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
    public String sharedLockClause() {
        return "FOR SHARE";
    }
}
