package dev.datalifecycle.api;

/**
 * How a restore goes.
 *
 * <pre>{@code
 * lifecycle.restore(deletionId, alice, RestoreOptions.defaults().alsoWhatItNeeds());
 * }</pre>
 *
 * @param withNeeded whether the deletions holding records this deletion's records reference are
 *                   restored first, in the same step (default: refuse with {@link RestoreDependsOnDeletionException})
 */
public record RestoreOptions(boolean withNeeded) {

    /** The deletion alone. */
    public static RestoreOptions defaults() {
        return new RestoreOptions(false);
    }

    /** Also restore, first and in the same step, the deletions holding records it references, and so on. */
    public RestoreOptions alsoWhatItNeeds() {
        return new RestoreOptions(true);
    }
}
