package dev.datalifecycle.api;

/**
 * A restore would break something that changed while the deletion was in the bin: a live record now
 * holds a unique key the deleted one had, or a reference the delete cleared has been set to something
 * else. Nothing was changed; the message names the key or reference and both records.
 */
public final class RestoreConflictException extends LifecycleException {

    private static final long serialVersionUID = 1L;

    /** @param message what conflicts, naming the key or reference and both records, and what to do */
    public RestoreConflictException(String message) {
        super(message);
    }

    /**
     * @param message what conflicts and what to do
     * @param cause   the database's refusal, for a key only the database knows
     */
    public RestoreConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
