package dev.datalifecycle.api;

import java.util.Objects;

/**
 * How a purge of one deletion goes.
 *
 * <pre>{@code
 * lifecycle.purge(deletionId, admin, PurgeOptions.defaults().outsideReferences(OutsideReferences.CLEAR));
 * }</pre>
 *
 * @param outside what to do about records outside the deletion that reference its records
 */
public record PurgeOptions(OutsideReferences outside) {

    /** @throws NullPointerException when {@code outside} is null */
    public PurgeOptions {
        Objects.requireNonNull(outside, "outside");
    }

    /** Refuses when records outside reference the purged ones. */
    public static PurgeOptions defaults() {
        return new PurgeOptions(OutsideReferences.REFUSE);
    }

    /** The same options, doing {@code what} about references from outside. */
    public PurgeOptions outsideReferences(OutsideReferences what) {
        return new PurgeOptions(what);
    }
}
