package dev.datalifecycle.api;

/** What happens to a live record when the time its type keeps records for has run out. */
public enum ExpiryAction {
    /** Delete it permanently (never under legal hold). */
    PURGE,
    /** Overwrite its personal-data columns and keep the rest (counts, amounts, dates). */
    ANONYMIZE
}
