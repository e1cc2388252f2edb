package dev.datalifecycle.api;

/**
 * The base of every exception the library throws on purpose. Each failure a host can act on has its
 * own subtype, and every message says what happened, to which record or setting, and what to do.
 * Unchecked, so a host catches only what it can handle.
 */
public class LifecycleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what happened and what to do about it
     */
    public LifecycleException(String message) {
        super(message);
    }

    /**
     * @param message what happened and what to do about it
     * @param cause   the underlying failure, e.g. an {@code SQLException}
     */
    public LifecycleException(String message, Throwable cause) {
        super(message, cause);
    }
}
