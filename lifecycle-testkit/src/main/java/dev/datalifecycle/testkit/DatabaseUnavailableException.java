package dev.datalifecycle.testkit;

/** A database server that the tests need could not be reached or refused to set up a test database. */
public final class DatabaseUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
