package dev.datalifecycle.core.model;

import java.util.Objects;

/**
 * The columns that mark a soft-deleted row, in the type's primary table: which deletion removed it
 * and when. Always both: the deletion id makes delete, exact restore and purge one statement per
 * table; the time serves retention and hosts that already filter on a timestamp.
 *
 * @param deletionIdColumn holds the deletion's id, {@code NULL} while the row is live
 * @param deletedAtColumn  holds when it was deleted, {@code NULL} while the row is live
 */
public record Markers(String deletionIdColumn, String deletedAtColumn) {
    public Markers {
        Objects.requireNonNull(deletionIdColumn, "deletionIdColumn");
        Objects.requireNonNull(deletedAtColumn, "deletedAtColumn");
    }
}
