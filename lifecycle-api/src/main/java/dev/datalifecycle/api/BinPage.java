package dev.datalifecycle.api;

import java.util.List;
import java.util.Optional;

/**
 * One page of a listing: the bin's deletions ({@link BinEntry}) or one deletion's records
 * ({@link BinMember}).
 *
 * @param entries what the page holds, in order
 * @param next    the cursor of the next page, empty on the last
 * @param <T>     what is listed
 */
public record BinPage<T>(List<T> entries, Optional<String> next) {

    /** Copies the entries, so a page never changes. */
    public BinPage {
        entries = List.copyOf(entries);
    }
}
