package dev.datalifecycle.api;

/**
 * A write would make a live record reference a record in the recycle bin: an insert, a change of
 * reference, or a link added to a join table, pointing at a record deleted before or while the
 * writing transaction ran. The database's foreign-key check lets it through (the row still exists),
 * so the library refuses it; the transaction must be rolled back.
 */
public final class ReferenceToDeletedRecordException extends LifecycleException {

    private static final long serialVersionUID = 1L;

    private final String fromType;
    private final String targetType;
    private final Object targetId;

    /**
     * @param fromType   the type whose record would reference it
     * @param targetType the referenced record's type
     * @param targetId   the referenced record's id
     */
    public ReferenceToDeletedRecordException(String fromType, String targetType, Object targetId) {
        super("A " + fromType + " cannot reference " + targetType + " " + targetId + ": it is in the recycle bin (deleted before"
                + " this transaction or while it ran). Roll back, then restore it first or reference a live record");
        this.fromType = fromType;
        this.targetType = targetType;
        this.targetId = targetId;
    }

    /** The type whose record would reference the deleted one. */
    public String fromType() {
        return fromType;
    }

    /** The deleted record's type. */
    public String targetType() {
        return targetType;
    }

    /** The deleted record's id. */
    public Object targetId() {
        return targetId;
    }
}
