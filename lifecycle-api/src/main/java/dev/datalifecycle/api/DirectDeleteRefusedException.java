package dev.datalifecycle.api;

/**
 * The host deleted a soft-deletable record through its persistence layer ({@code em.remove}, a
 * cascade or orphan removal from a parent) instead of through the library. Such a delete would skip
 * the delete rules and leave a row marked without a deletion, which restore and purge know nothing
 * of, so it is refused before anything is written.
 */
public final class DirectDeleteRefusedException extends LifecycleException {

    private static final long serialVersionUID = 1L;

    private final String type;

    /** @param type the entity type whose record the host tried to delete */
    public DirectDeleteRefusedException(String type) {
        super(type + " is soft-deletable, so the library deletes it: plan and delete it with DataLifecycle (plan(...), then"
                + " delete(...)), which applies its delete rules and puts it in the recycle bin. em.remove, cascades and orphan"
                + " removal reaching it are refused");
        this.type = type;
    }

    /** The entity type. */
    public String type() {
        return type;
    }
}
