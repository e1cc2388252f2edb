package dev.datalifecycle.api;

/**
 * What an actor is about to do, as an {@link dev.datalifecycle.api.spi.Authorizer} is asked about
 * it and an {@link AccessDeniedException} reports it.
 */
public enum Operation {
    /** Work out what a delete would do. */
    PLAN,
    /** Delete records into the recycle bin. */
    DELETE,
    /** Bring a deletion back from the bin. */
    RESTORE,
    /** Delete a deletion's records for good (also emptying the bin). */
    PURGE,
    /** See what the recycle bin holds: its deletions and their records (with their labels). */
    LIST
}
