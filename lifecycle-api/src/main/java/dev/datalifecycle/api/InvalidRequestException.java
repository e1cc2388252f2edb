package dev.datalifecycle.api;

/**
 * An operation was called with something it cannot work with: an id of the wrong kind, too many
 * records for one step, an option out of range, a cursor no page gave, a type that cannot be deleted
 * into the bin. Nothing changed; the message names the value and what is allowed.
 */
public final class InvalidRequestException extends LifecycleException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what was wrong and what is allowed
     */
    public InvalidRequestException(String message) {
        super(message);
    }

    /**
     * @param message what was wrong and what is allowed
     * @param cause   the underlying failure
     */
    public InvalidRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
