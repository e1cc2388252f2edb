package dev.datalifecycle.api;

/** An {@link dev.datalifecycle.api.spi.Authorizer} refused an operation; nothing was read or changed. */
public final class AccessDeniedException extends LifecycleException {

    private static final long serialVersionUID = 1L;

    /**
     * @param actor      who asked
     * @param operation  what was refused
     * @param entityType the type it was on, or {@code null} when it spans types
     */
    public AccessDeniedException(Actor actor, Operation operation, String entityType) {
        super("Actor '" + actor.userId() + "' may not " + operation.name().toLowerCase(java.util.Locale.ROOT)
                + (entityType == null ? "" : " " + entityType) + ": ask for the permission, or have someone who has it do it");
    }
}
