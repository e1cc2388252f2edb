package dev.datalifecycle.api;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a restore brought back.
 *
 * @param deletions the deletions restored: the one asked for last, after those it needed
 * @param records   records brought back per entity type, over all of them, as each deletion recorded them when it was made
 */
public record RestoreReport(List<UUID> deletions, Map<String, Long> records) {

    /** Copies the collections, so a report never changes. */
    public RestoreReport {
        deletions = List.copyOf(deletions);
        records = Map.copyOf(records);
    }

    /** Records brought back, over every type. */
    public long total() {
        return records.values().stream().mapToLong(Long::longValue).sum();
    }
}
