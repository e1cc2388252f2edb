package dev.datalifecycle.api;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a purge did.
 *
 * @param deletions the deletions purged (each now a tombstone)
 * @param records   records deleted for good per entity type, over all of them, as each deletion recorded them when it was made
 * @param blocked   the deletions a purge of the bin left there, each with why; empty for the purge of one deletion,
 *                  which refuses instead
 */
public record PurgeReport(List<UUID> deletions, Map<String, Long> records, List<Blocked> blocked) {

    /** Copies the collections, so a report never changes. */
    public PurgeReport {
        deletions = List.copyOf(deletions);
        records = Map.copyOf(records);
        blocked = List.copyOf(blocked);
    }

    /** Records deleted for good, over every type. */
    public long total() {
        return records.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * A deletion a purge of the bin could not purge.
     *
     * @param deletionId the deletion
     * @param reason     the refusal's message: what references its records, and what to do
     */
    public record Blocked(UUID deletionId, String reason) {
    }
}
