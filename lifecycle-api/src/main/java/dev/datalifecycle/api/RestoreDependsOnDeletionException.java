package dev.datalifecycle.api;

import java.util.UUID;

/**
 * A record of the deletion being restored references a record that is itself in the bin, deleted by
 * another deletion: restoring alone would leave it pointing at a deleted record. Nothing was changed.
 */
public final class RestoreDependsOnDeletionException extends LifecycleException {

    private static final long serialVersionUID = 1L;

    private final UUID other;

    /**
     * @param deletionId the deletion being restored
     * @param record     the restored record and its reference, e.g. {@code Contact 10 (Contact.customer_id)}
     * @param target     the referenced record, e.g. {@code Customer 1}
     * @param other      the deletion that holds the referenced record
     */
    public RestoreDependsOnDeletionException(UUID deletionId, String record, String target, UUID other) {
        super("Deletion " + deletionId + " cannot be restored alone: " + record + " references " + target
                + ", which deletion " + other + " holds. Restore " + other + " first");
        this.other = other;
    }

    /** The deletion to restore first. */
    public UUID other() {
        return other;
    }
}
