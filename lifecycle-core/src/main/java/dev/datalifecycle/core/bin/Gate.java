package dev.datalifecycle.core.bin;

import dev.datalifecycle.api.Operation;

/**
 * The entry point's authorization, handed to an operation that learns the types it acts on only once
 * it has locked them (a restore, a purge: a deletion's root type is in its row). The operation calls
 * it right after that locking read, before it changes anything; the entry point's authorizer decides.
 */
@FunctionalInterface
public interface Gate {

    /** Lets everything through: for callers that authorized already, and for tests of the engine alone. */
    Gate OPEN = (operation, rootType) -> { };

    /**
     * Returns when the operation may go on for a deletion whose roots are of {@code rootType}.
     *
     * @throws dev.datalifecycle.api.AccessDeniedException when not
     */
    void check(Operation operation, String rootType);
}
