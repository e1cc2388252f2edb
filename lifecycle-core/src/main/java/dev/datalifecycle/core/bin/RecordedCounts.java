package dev.datalifecycle.core.bin;

import java.util.Map;

/** Counts of records per type, as deletions recorded them, added up over the deletions of one operation. */
final class RecordedCounts {

    private RecordedCounts() {
    }

    /** Adds {@code more} into {@code into}. */
    static void add(Map<String, Long> into, Map<String, Long> more) {
        more.forEach((type, n) -> into.merge(type, n, Long::sum));
    }
}
