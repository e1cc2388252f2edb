package dev.datalifecycle.api;

/** An operation named an entity type the model does not know. */
public final class UnknownEntityTypeException extends LifecycleException {

    private static final long serialVersionUID = 1L;

    /**
     * @param type  the name given
     * @param known the names the model knows, for the message
     */
    public UnknownEntityTypeException(String type, java.util.Collection<String> known) {
        super("Unknown entity type '" + type + "': the model knows " + known);
    }
}
