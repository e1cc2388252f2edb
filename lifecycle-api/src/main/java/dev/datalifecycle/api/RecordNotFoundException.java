package dev.datalifecycle.api;

import java.util.List;

/**
 * Records named by an operation do not exist for the actor: missing, or in another tenant (which
 * answers exactly like missing, so that tenants cannot probe each other's ids).
 */
public final class RecordNotFoundException extends LifecycleException {

    private static final long serialVersionUID = 1L;

    private final String type;
    private final List<Object> ids;

    /**
     * @param type the entity type
     * @param ids  the ids that were not found
     */
    public RecordNotFoundException(String type, List<Object> ids) {
        super("No " + type + " with id " + (ids.size() == 1 ? ids.get(0) : ids) + " exists");
        this.type = type;
        this.ids = List.copyOf(ids);
    }

    /** The entity type. */
    public String type() {
        return type;
    }

    /** The ids not found. */
    public List<Object> ids() {
        return ids;
    }
}
