package dev.datalifecycle.api;

/**
 * An operation was asked to run in a transaction whose isolation level cannot keep its promises. On
 * PostgreSQL and H2, REPEATABLE READ and SERIALIZABLE read one snapshot even in locking reads, so a
 * blocker or a conflicting record committed after it would go unseen; READ UNCOMMITTED sees work
 * that may be rolled back. Nothing was read or changed.
 */
public final class UnsupportedIsolationLevelException extends LifecycleException {

    private static final long serialVersionUID = 1L;

    /**
     * @param operation what was refused, e.g. {@code delete}
     * @param database  the database product
     * @param level     the transaction's isolation level, e.g. {@code REPEATABLE READ}
     * @param supported the levels that work there
     */
    public UnsupportedIsolationLevelException(String operation, String database, String level, String supported) {
        super("A " + operation + " on " + database + " cannot run at " + level + ": a record committed after the transaction's"
                + " snapshot could go unseen. Run it in a " + supported + " transaction");
    }
}
