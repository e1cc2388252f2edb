package dev.datalifecycle.api;

import java.util.List;
import java.util.UUID;

/**
 * What a batch delete did with one record.
 *
 * @param id       the record's id
 * @param result   what happened to it
 * @param deletion the deletion that holds it now, when {@link Result#DELETED}; else null
 * @param reasons  what blocks it, when {@link Result#BLOCKED} ("2 Contract via Contract.customer_id, e.g. [53]"); else empty
 */
public record BatchOutcome(Object id, Result result, UUID deletion, List<String> reasons) {

    /** What a batch delete did with one record. */
    public enum Result {
        /** In the recycle bin now. */
        DELETED,
        /** Left alone: RESTRICT dependencies stand in its way (see the reasons). */
        BLOCKED,
        /** No such record (or another tenant's). */
        NOT_FOUND,
        /** In the recycle bin already, by an earlier deletion. */
        ALREADY_DELETED,
        /** Could have been deleted, but an all-or-nothing batch was refused because of other records. */
        NOT_DELETED
    }

    /** Copies the reasons, so an outcome never changes. */
    public BatchOutcome {
        reasons = List.copyOf(reasons);
    }
}
