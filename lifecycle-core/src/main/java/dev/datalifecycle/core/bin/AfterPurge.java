package dev.datalifecycle.core.bin;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * Told, in a purge's transaction and while their markers are in place, which deletions are about to
 * be purged; what it returns runs once they are. An integration forgets what it caches of them.
 */
@FunctionalInterface
public interface AfterPurge {

    /** Nothing to forget. */
    AfterPurge NOTHING = (connection, deletionIds) -> () -> { };

    /** Reads what to forget of {@code deletionIds}; returns the step that forgets it. */
    Runnable changing(Connection connection, List<UUID> deletionIds) throws SQLException;
}
