package dev.datalifecycle.api.spi;

import dev.datalifecycle.api.AccessDeniedException;
import dev.datalifecycle.api.Actor;
import dev.datalifecycle.api.Operation;

/**
 * Decides whether an actor may do an operation, called before each one changes or reads anything.
 * The library ships no policy of its own yet: the default allows everything, and a host plugs in its
 * own (roles, record ownership) by passing an implementation where the library is built.
 *
 * <pre>{@code
 * Authorizer onlyAdminsPurge = (actor, operation, entityType) -> {
 *     if (operation == Operation.PURGE && !actor.roles().contains("admin")) {
 *         throw new AccessDeniedException(actor, operation, entityType);
 *     }
 * };
 * }</pre>
 */
@FunctionalInterface
public interface Authorizer {

    /**
     * Returns when {@code actor} may do {@code operation}; throws {@link AccessDeniedException} when not.
     *
     * @param entityType the type the operation is on (a deletion's root type), or {@code null} when it
     *                   spans types, as a purge of the bin does
     */
    void authorize(Actor actor, Operation operation, String entityType);

    /** Allows everything: the default until permissions are configured. */
    static Authorizer allowAll() {
        return (actor, operation, entityType) -> { };
    }
}
