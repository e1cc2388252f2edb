package dev.datalifecycle.api;

import java.util.List;

/**
 * What a batch delete did, record by record, in the order the records were given (for a criteria,
 * by id).
 *
 * @param outcomes one per record
 */
public record BatchReport(List<BatchOutcome> outcomes) {

    /** Copies the outcomes, so a report never changes. */
    public BatchReport {
        outcomes = List.copyOf(outcomes);
    }

    /** How many records ended with {@code result}. */
    public long count(BatchOutcome.Result result) {
        return outcomes.stream().filter(o -> o.result() == result).count();
    }
}
