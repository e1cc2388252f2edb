package dev.datalifecycle.api;

/**
 * Decides whether an actor may do an operation, called before each one changes or reads anything.
 * The library ships no policy of its own yet: the default allows everything, and a host plugs in its
 * own (roles, record ownership) by passing an implementation where the library is built.
 *
 * <pre>{@code
 * Authorizer onlyAdminsPurge = (actor, action, entityType) -> {
 *     if (action == Authorizer.Action.PURGE && !actor.roles().contains("admin")) {
 *         throw new AccessDeniedException(actor, action, entityType);
 *     }
 * };
 * }</pre>
 */
@FunctionalInterface
public interface Authorizer {

    /** What an actor is about to do. */
    enum Action {
        /** Work out what a delete would do. */
        PLAN,
        /** Delete records into the recycle bin. */
        DELETE,
        /** Bring a deletion back from the bin. */
        RESTORE,
        /** Delete a deletion's records for good (also emptying the bin). */
        PURGE
    }

    /**
     * Returns when {@code actor} may do {@code action}; throws {@link AccessDeniedException} when not.
     *
     * @param entityType the type the operation is on (a deletion's root type), or {@code null} when it
     *                   spans types, as a sweep of the bin does
     */
    void authorize(Actor actor, Action action, String entityType);

    /** Allows everything: the default until permissions are configured. */
    static Authorizer allowAll() {
        return (actor, action, entityType) -> { };
    }
}
