package dev.datalifecycle.api;

import java.util.List;
import java.util.Objects;

/**
 * What a delete would do, computed before it happens and changing nothing: per entity type what
 * would be deleted with the root, per dependency what would be detached, and what blocks it.
 *
 * <pre>{@code
 * DeletePlan plan = lifecycle.plan("Customer", 42L, alice);
 * plan.deleted();    // [Customer: 1 [42], Contact: 3 [7, 8, 9]]
 * plan.blockers();   // [Contract via contract.customer_id: 2 [100, 101]]
 * plan.blocked();    // true
 * }</pre>
 *
 * <p>Counts are exact; ids are the first few of each entry in ascending order (the full member list
 * is read page by page from the planner, never held here). The {@link #fingerprint()} summarises
 * everything counted, so that a delete made from this plan can refuse when the picture changed.
 *
 * @param rootType    the entity type of the roots
 * @param rootIds     the roots, as given
 * @param deleted     per entity type, the live records that would be deleted (roots included)
 * @param detached    per dependency, the live records whose reference would be cleared
 * @param blockers    per dependency, the live records that stand in the way
 * @param fingerprint a digest of every entry's count and ids, order-independent
 */
public record DeletePlan(String rootType, List<Object> rootIds, List<Entry> deleted, List<Entry> detached,
        List<Entry> blockers, String fingerprint) {

    /** Copies the lists, so a plan never changes after it is made. */
    public DeletePlan {
        Objects.requireNonNull(rootType, "rootType");
        rootIds = List.copyOf(rootIds);
        deleted = List.copyOf(deleted);
        detached = List.copyOf(detached);
        blockers = List.copyOf(blockers);
        Objects.requireNonNull(fingerprint, "fingerprint");
    }

    /** Whether anything blocks the delete. */
    public boolean blocked() {
        return !blockers.isEmpty();
    }

    /** How many records of {@code type} would be deleted (0 when none). */
    public long deletedCount(String type) {
        return deleted.stream().filter(e -> e.type().equals(type)).mapToLong(Entry::count).sum();
    }

    /**
     * One line of a plan.
     *
     * @param type     the entity type of the records counted
     * @param via      the dependency that brings them in, e.g. {@code Contract.customer_id}; for
     *                 {@link #deleted()} entries {@code null}, as a record may be reached on several
     *                 paths and is counted once
     * @param count    how many records
     * @param firstIds the first ids in ascending order, at most the planner's sample size
     */
    public record Entry(String type, String via, long count, List<Object> firstIds) {
        /** Copies the ids, so an entry never changes after it is made. */
        public Entry {
            Objects.requireNonNull(type, "type");
            firstIds = List.copyOf(firstIds);
        }

        @Override
        public String toString() {
            return type + (via == null ? "" : " via " + via) + ": " + count + " " + firstIds;
        }
    }
}
