package dev.datalifecycle.api;

/**
 * What a dependency does when the record it references is deleted.
 *
 * <p>The default is {@link #RESTRICT}: a delete never takes data with it that nobody said it may
 * (Django's {@code PROTECT}). Join-table and element-collection rows go with their owner whatever
 * the rule.
 */
public enum DeleteRule {

    /** The referencing record blocks the delete; the plan lists it as a blocker. */
    RESTRICT,

    /** The referencing record is deleted with it, into the same deletion. */
    CASCADE,

    /** The reference is cleared; its old value is kept so that a restore can re-link it. */
    DETACH,

    /** Nothing happens; the reference keeps pointing at the deleted record. */
    IGNORE
}
