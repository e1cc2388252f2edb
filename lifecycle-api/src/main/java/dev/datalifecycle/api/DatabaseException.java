package dev.datalifecycle.api;

import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * The database failed during an operation (a connection lost, a constraint the model did not
 * foresee, a statement refused). The operation's own transaction was rolled back; in a host's
 * transaction, what the operation did was undone to its savepoint. The cause is the driver's {@link
 * SQLException}.
 */
public final class DatabaseException extends LifecycleException {

    private static final long serialVersionUID = 1L;

    private final String operation;
    private final UUID deletionId;
    private final String table;

    /**
     * @param operation  what was being done, e.g. {@code "purge"}
     * @param deletionId the deletion it was done to, or null
     * @param table      the table the failing statement worked on, or null when not known
     * @param cause      the driver's failure
     */
    public DatabaseException(String operation, UUID deletionId, String table, SQLException cause) {
        super("The database failed during " + operation + (deletionId == null ? "" : " of deletion " + deletionId)
                + (table == null ? "" : " on table " + table) + ": " + cause.getMessage()
                + (cause.getSQLState() == null ? "" : " (SQLState " + cause.getSQLState() + ")"), cause);
        this.operation = operation;
        this.deletionId = deletionId;
        this.table = table;
    }

    /** What was being done. */
    public String operation() {
        return operation;
    }

    /** The deletion it was done to, if it was one. */
    public Optional<UUID> deletionId() {
        return Optional.ofNullable(deletionId);
    }

    /** The table the failing statement worked on, when known. */
    public Optional<String> table() {
        return Optional.ofNullable(table);
    }
}
