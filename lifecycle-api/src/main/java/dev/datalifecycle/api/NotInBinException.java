package dev.datalifecycle.api;

/**
 * A deletion that is not in the recycle bin any more (restored, or purged for good) was asked to be
 * restored or purged. Nothing was changed.
 */
public final class NotInBinException extends LifecycleException {

    private static final long serialVersionUID = 1L;

    /**
     * For a restore.
     *
     * @param deletionId the deletion
     * @param state      its state: {@code RESTORED} or {@code PURGED}
     */
    public NotInBinException(java.util.UUID deletionId, String state) {
        this(deletionId, state, "restore");
    }

    /**
     * @param deletionId the deletion
     * @param state      its state: {@code RESTORED} or {@code PURGED}
     * @param operation  what was asked: {@code restore} or {@code purge}
     */
    public NotInBinException(java.util.UUID deletionId, String state, String operation) {
        super("Deletion " + deletionId + " is " + ("PURGED".equals(state) ? "purged: its records are gone for good"
                : "already restored: its records are live") + "; nothing to " + operation);
    }
}
