package dev.datalifecycle.api;

import java.util.List;

/**
 * RESTRICT dependencies stand in the way of a delete ("2 open contracts reference this customer").
 * Nothing was changed; {@link #blockers()} says what to close, reassign or delete first.
 */
public final class DeleteBlockedException extends LifecycleException {

    private static final long serialVersionUID = 1L;

    private final transient List<DeletePlan.Entry> blockers;

    /** @param blockers per blocking dependency: type, count, first ids */
    public DeleteBlockedException(String rootType, List<Object> rootIds, List<DeletePlan.Entry> blockers) {
        super(rootType + " " + (rootIds.size() == 1 ? rootIds.get(0) : rootIds) + " cannot be deleted: " + blockers
                + ". Close, reassign or delete these first, or change their delete rule");
        this.blockers = List.copyOf(blockers);
    }

    /** What blocks, per dependency. */
    public List<DeletePlan.Entry> blockers() {
        return blockers;
    }
}
