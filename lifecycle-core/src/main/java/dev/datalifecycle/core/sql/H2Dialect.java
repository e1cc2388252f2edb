package dev.datalifecycle.core.sql;

/** H2 2.x in its native mode. */
final class H2Dialect extends QuotingDialect {

    static final H2Dialect INSTANCE = new H2Dialect();

    private H2Dialect() {
        super("H2", '"');
    }

    @Override
    public boolean supportsSkipLocked() {
        return true; // since 2.2.220
    }

    @Override
    public String sharedLockClause() {
        return "FOR UPDATE"; // H2 2.5 rejects FOR SHARE and LOCK IN SHARE MODE
    }
}
