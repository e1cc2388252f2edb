package dev.datalifecycle.api;

import java.util.List;

/** Records named by a delete or plan are already in the recycle bin. */
public final class AlreadyDeletedException extends LifecycleException {

    private static final long serialVersionUID = 1L;

    private final String type;
    private final List<Object> ids;

    /**
     * @param type the entity type
     * @param ids  the ids already deleted
     */
    public AlreadyDeletedException(String type, List<Object> ids) {
        super(type + " " + (ids.size() == 1 ? ids.get(0) : ids)
                + " is already deleted: restore it from the recycle bin, or leave it out");
        this.type = type;
        this.ids = List.copyOf(ids);
    }

    /** The entity type. */
    public String type() {
        return type;
    }

    /** The ids already deleted. */
    public List<Object> ids() {
        return ids;
    }
}
