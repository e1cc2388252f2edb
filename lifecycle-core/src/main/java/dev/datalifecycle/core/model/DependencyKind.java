package dev.datalifecycle.core.model;

/** How one record type references another. */
public enum DependencyKind {
    /** A foreign-key column of the referencing type (a mapped association). */
    FOREIGN_KEY,
    /** A column that names another type's id without being mapped as an association ({@code Long customerId}). */
    DECLARED_REFERENCE,
    /** A row of a link table ({@code @ManyToMany}): owner column and target column. Rows go with their owner. */
    JOIN_TABLE,
    /** A row of an element-collection table, owned by one record. Rows go with their owner. */
    ELEMENT_COLLECTION
}
