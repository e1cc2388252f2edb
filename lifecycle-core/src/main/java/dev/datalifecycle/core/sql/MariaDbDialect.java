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
    public String sharedLockClause() {
        return "LOCK IN SHARE MODE";
    }
}
