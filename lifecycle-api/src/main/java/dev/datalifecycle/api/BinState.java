package dev.datalifecycle.api;

/** Where a deletion stands. */
public enum BinState {
    /** In the recycle bin: it can be restored or purged. */
    IN_BIN,
    /** Brought back whole. */
    RESTORED,
    /** Deleted for good; what is left is its tombstone (counts and times, no label). */
    PURGED
}
