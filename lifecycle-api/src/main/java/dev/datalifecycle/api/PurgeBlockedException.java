package dev.datalifecycle.api;

/**
 * A deletion cannot be purged because records outside it still reference its records: live records
 * (under an IGNORE rule) or records another deletion holds. Purging would leave them pointing at
 * nothing. Nothing was changed; the message names one such record and what to do.
 */
public final class PurgeBlockedException extends LifecycleException {

    private static final long serialVersionUID = 1L;

    /** @param message what still references the deletion's records, and what to do */
    public PurgeBlockedException(String message) {
        super(message);
    }
}
