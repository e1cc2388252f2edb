package dev.datalifecycle.api;

import java.time.Instant;
import java.util.Objects;

/**
 * Which deletions to list, and which page. The actor the listing is for sees only its tenant's
 * deletions; an actor without a tenant (a retention job, an operator) sees every tenant's. Pages go from the newest deletion to the
 * oldest and are keyset pages: a deletion made while someone pages through does not shift the pages
 * after the first.
 *
 * <pre>{@code
 * BinPage<BinEntry> page = lifecycle.list(BinQuery.all().type("Customer").pageSize(20), alice);
 * BinPage<BinEntry> next = lifecycle.list(BinQuery.all().type("Customer").pageSize(20).after(page.next().orElseThrow()), alice);
 * }</pre>
 *
 * @param type      only deletions of this root type, or null for all
 * @param deletedBy only deletions by this user id, or null
 * @param from      only deletions made at or after this instant, or null
 * @param until     only deletions made before this instant, or null
 * @param state     the deletions' state (default {@link BinState#IN_BIN})
 * @param pageSize  deletions per page, 1 to 1,000 (default 50)
 * @param after     the cursor of the page before ({@link BinPage#next()}), or null for the first page
 */
public record BinQuery(String type, String deletedBy, Instant from, Instant until, BinState state, int pageSize,
        String after) {

    /** @throws InvalidRequestException when the page size is out of range or the dates are the wrong way round */
    public BinQuery {
        Objects.requireNonNull(state, "state");
        if (pageSize < 1 || pageSize > 1000) {
            throw new InvalidRequestException("pageSize must be between 1 and 1000, got " + pageSize);
        }
        if (from != null && until != null && !from.isBefore(until)) {
            throw new InvalidRequestException("from (" + from + ") must be before until (" + until + ")");
        }
    }

    /** The first page of every deletion in the bin the actor may see, 50 a page. */
    public static BinQuery all() {
        return new BinQuery(null, null, null, null, BinState.IN_BIN, 50, null);
    }

    /** Only deletions whose root is of {@code rootType}. */
    public BinQuery type(String rootType) {
        return new BinQuery(rootType, deletedBy, from, until, state, pageSize, after);
    }

    /** Only deletions made by the user {@code userId}. */
    public BinQuery deletedBy(String userId) {
        return new BinQuery(type, userId, from, until, state, pageSize, after);
    }

    /** Only deletions made from {@code from} (inclusive) until {@code until} (exclusive); either may be null. */
    public BinQuery deletedBetween(Instant from, Instant until) {
        return new BinQuery(type, deletedBy, from, until, state, pageSize, after);
    }

    /** Deletions in {@code state} instead of those in the bin. */
    public BinQuery state(BinState state) {
        return new BinQuery(type, deletedBy, from, until, state, pageSize, after);
    }

    /** {@code size} deletions a page. */
    public BinQuery pageSize(int size) {
        return new BinQuery(type, deletedBy, from, until, state, size, after);
    }

    /** The page after the one whose {@link BinPage#next()} gave {@code cursor}. */
    public BinQuery after(String cursor) {
        return new BinQuery(type, deletedBy, from, until, state, pageSize, cursor);
    }
}
