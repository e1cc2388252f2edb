package dev.datalifecycle.core.bin;

import java.util.List;
import java.util.UUID;

/**
 * What a sweep of the bin did.
 *
 * @param purged  how many deletions it purged
 * @param blocked the deletions it left in the bin, each with why (records outside it reference its records)
 */
public record SweepReport(int purged, List<Blocked> blocked) {

    /** Copies {@code blocked}. */
    public SweepReport {
        blocked = List.copyOf(blocked);
    }

    /**
     * A deletion the sweep could not purge.
     *
     * @param deletionId the deletion
     * @param reason     the refusal's message: what references its records, and what to do
     */
    public record Blocked(UUID deletionId, String reason) {
    }
}
