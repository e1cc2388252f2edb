package dev.datalifecycle.core.bin;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a sweep of the bin purges, and how: deletions past their expiry ({@link #expired()}) or every
 * deletion in the bin ({@link #everything()}), in chunks of deletions each purged in a transaction of
 * its own, so a sweep stopped half-way keeps what it did and the next one carries on.
 *
 * <pre>{@code
 * SweepReport report = bin.sweep(dataSource, system, Sweep.expired().inChunksOf(200)
 *         .onProgress(p -> System.out.printf("%d of %d purged%n", p.purged(), p.total())));
 * }</pre>
 *
 * @param expiredOnly whether only deletions whose {@code expires_at} has passed are purged
 * @param chunkSize   how many deletions one transaction purges, at least 1
 * @param outside     what to do about records outside a chunk that reference its records
 * @param progress    told after every chunk
 */
public record Sweep(boolean expiredOnly, int chunkSize, OutsideReferences outside, Consumer<Progress> progress) {

    /** @throws IllegalArgumentException when the chunk size is below 1 */
    public Sweep {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("A sweep's chunk size must be at least 1, not " + chunkSize);
        }
        Objects.requireNonNull(outside, "outside");
        Objects.requireNonNull(progress, "progress");
    }

    /** Deletions whose retention in the bin has run out, 100 per chunk, refusing outside references. */
    public static Sweep expired() {
        return new Sweep(true, 100, OutsideReferences.REFUSE, p -> { });
    }

    /** Every deletion in the bin ("empty the bin"), 100 per chunk, refusing outside references. */
    public static Sweep everything() {
        return new Sweep(false, 100, OutsideReferences.REFUSE, p -> { });
    }

    /** The same sweep with {@code size} deletions per chunk. */
    public Sweep inChunksOf(int size) {
        return new Sweep(expiredOnly, size, outside, progress);
    }

    /** The same sweep, doing {@code what} about references from outside. */
    public Sweep outsideReferences(OutsideReferences what) {
        return new Sweep(expiredOnly, chunkSize, what, progress);
    }

    /** The same sweep, telling {@code listener} after each chunk. */
    public Sweep onProgress(Consumer<Progress> listener) {
        return new Sweep(expiredOnly, chunkSize, outside, listener);
    }

    /**
     * How far a sweep is.
     *
     * @param purged  deletions purged so far
     * @param blocked deletions left in the bin so far because records outside them reference theirs
     * @param total   deletions the sweep found to do when it started
     */
    public record Progress(int purged, int blocked, int total) {
    }
}
