package dev.datalifecycle.api;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Which deletions a purge of the bin takes, and how: those past their expiry ({@link #expired()}) or
 * every deletion in the bin ({@link #everything()}), in chunks of deletions, each purged in a
 * transaction of its own, so a purge stopped half-way keeps what it did and the next one carries on.
 *
 * <pre>{@code
 * PurgeReport report = lifecycle.purgeBin(BinPurge.expired().inChunksOf(200)
 *         .onProgress(p -> System.out.printf("%d of %d purged%n", p.purged(), p.total())), system);
 * }</pre>
 *
 * @param expiredOnly whether only deletions whose expiry has passed are purged
 * @param chunkSize   how many deletions one transaction purges, 1 to 10,000
 * @param outside     what to do about records outside a chunk that reference its records
 * @param progress    told after every chunk
 */
public record BinPurge(boolean expiredOnly, int chunkSize, OutsideReferences outside, Consumer<Progress> progress) {

    /** @throws InvalidRequestException when the chunk size is out of range */
    public BinPurge {
        if (chunkSize < 1 || chunkSize > 10_000) {
            throw new InvalidRequestException("A purge of the bin takes 1 to 10000 deletions a chunk, not " + chunkSize);
        }
        Objects.requireNonNull(outside, "outside");
        Objects.requireNonNull(progress, "progress");
    }

    /** Deletions whose time in the bin has run out, 100 per chunk, refusing outside references. */
    public static BinPurge expired() {
        return new BinPurge(true, 100, OutsideReferences.REFUSE, p -> { });
    }

    /** Every deletion in the bin ("empty the bin"), 100 per chunk, refusing outside references. */
    public static BinPurge everything() {
        return new BinPurge(false, 100, OutsideReferences.REFUSE, p -> { });
    }

    /** The same purge with {@code size} deletions per chunk. */
    public BinPurge inChunksOf(int size) {
        return new BinPurge(expiredOnly, size, outside, progress);
    }

    /** The same purge, doing {@code what} about references from outside. */
    public BinPurge outsideReferences(OutsideReferences what) {
        return new BinPurge(expiredOnly, chunkSize, what, progress);
    }

    /** The same purge, telling {@code listener} after each chunk. */
    public BinPurge onProgress(Consumer<Progress> listener) {
        return new BinPurge(expiredOnly, chunkSize, outside, listener);
    }

    /**
     * How far a purge of the bin is.
     *
     * @param purged  deletions purged so far
     * @param blocked deletions left in the bin so far because records outside them reference theirs
     * @param total   deletions the purge found to do when it started
     */
    public record Progress(int purged, int blocked, int total) {
    }
}
