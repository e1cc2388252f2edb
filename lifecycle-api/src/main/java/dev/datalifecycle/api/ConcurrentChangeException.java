package dev.datalifecycle.api;

/**
 * Another transaction got in the way: a deadlock, a serialization failure, or a lock not granted in
 * time. The operation changed nothing; retry it. After a deadlock some databases (MariaDB) roll back
 * the caller's whole transaction, so retry the transaction, not just the call.
 */
public final class ConcurrentChangeException extends LifecycleException {

    private static final long serialVersionUID = 1L;

    /**
     * @param operation what was being done, e.g. {@code restore of deletion 5f0c...}
     * @param cause     the database's error
     */
    public ConcurrentChangeException(String operation, java.sql.SQLException cause) {
        super("The " + operation + " collided with another transaction (" + cause.getMessage() + "): nothing was changed; retry it (after a deadlock, retry the whole transaction)", cause);
    }

    /** Always true: retrying is safe. */
    public boolean retryable() {
        return true;
    }
}
