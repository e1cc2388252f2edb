package dev.datalifecycle.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One soft-delete operation: the roots plus everything cascaded with them, in the recycle bin until
 * restored or purged.
 *
 * @param id        the deletion's id, also written into every marked row
 * @param rootType  the entity type of the roots
 * @param rootIds   the roots
 * @param counts    records marked per entity type, roots included
 * @param detached  references cleared per dependency
 * @param actorId   who deleted
 * @param reason    why, as given
 * @param deletedAt when
 * @param expiresAt when it leaves the bin for good unless restored
 */
public record Deletion(UUID id, String rootType, List<Object> rootIds, Map<String, Long> counts, Map<String, Long> detached,
        String actorId, String reason, Instant deletedAt, Instant expiresAt) {

    /** Copies the collections, so a deletion never changes after it is made. */
    public Deletion {
        Objects.requireNonNull(id, "id");
        rootIds = List.copyOf(rootIds);
        counts = Map.copyOf(counts);
        detached = Map.copyOf(detached);
    }
}
