package dev.datalifecycle.api;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One deletion as the recycle bin lists it.
 *
 * @param id        the deletion's id, to restore or purge it
 * @param rootType  the type of the record deleted
 * @param label     the root record's display label when it was deleted (null when its type has none, or once purged)
 * @param roots     how many records the deletion was asked for (1, or more for a batch)
 * @param actorId   who deleted it
 * @param reason    why, as given
 * @param deletedAt when
 * @param expiresAt when it leaves the bin for good unless restored
 * @param state     where it stands
 * @param counts    how many records of each type it took
 */
public record BinEntry(UUID id, String rootType, String label, long roots, String actorId, String reason, Instant deletedAt,
        Instant expiresAt, BinState state, Map<String, Long> counts) {

    /** Copies the counts, so an entry never changes. */
    public BinEntry {
        Objects.requireNonNull(id, "id");
        counts = Map.copyOf(counts);
    }
}
