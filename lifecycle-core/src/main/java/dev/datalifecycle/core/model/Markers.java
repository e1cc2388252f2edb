package dev.datalifecycle.core.model;

import java.util.Objects;

/**
 * The columns that mark a soft-deleted row, in the type's primary table: which deletion removed it
 * and when. Always both: the deletion id makes delete, exact restore and purge one statement per
 * table; the time serves retention and hosts that already filter on a timestamp. A host that already
 * has a deleted flag keeps it in step: set on delete, cleared on restore.
 *
 * @param deletionIdColumn holds the deletion's id, {@code NULL} while the row is live
 * @param deletedAtColumn  holds when it was deleted, {@code NULL} while the row is live (may be a
 *                         timestamp column the host had already)
 * @param deletedFlagColumn a boolean column the host had already, true while the row is deleted; or {@code null}
 */
public record Markers(String deletionIdColumn, String deletedAtColumn, String deletedFlagColumn) {

    /** @throws NullPointerException when the deletion-id or deleted-at column is missing */
    public Markers {
        Objects.requireNonNull(deletionIdColumn, "deletionIdColumn");
        Objects.requireNonNull(deletedAtColumn, "deletedAtColumn");
    }

    /** The two marker columns, without a flag. */
    public Markers(String deletionIdColumn, String deletedAtColumn) {
        this(deletionIdColumn, deletedAtColumn, null);
    }

    /** The host's deleted flag, when it has one. */
    public java.util.Optional<String> deletedFlag() {
        return java.util.Optional.ofNullable(deletedFlagColumn);
    }
}
