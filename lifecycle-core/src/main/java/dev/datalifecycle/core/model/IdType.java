package dev.datalifecycle.core.model;

import java.util.UUID;

/** The Java type of an entity type's id; the engine binds and reads ids as this type. */
public enum IdType {
    /** {@code long} / {@code BIGINT}. */
    LONG,
    /** {@code int} / {@code INTEGER}. */
    INTEGER,
    /** {@link UUID}, stored as the database's UUID type or as text. */
    UUID,
    /** {@link String} / {@code VARCHAR}. */
    STRING;

    /**
     * Converts an id given by a caller, or read from JDBC, to this type's Java type: numbers widen or
     * narrow exactly, a UUID may come as text.
     *
     * @throws dev.datalifecycle.api.InvalidRequestException when the value cannot be such an id
     */
    public Object coerce(Object value) {
        if (value == null) {
            throw new dev.datalifecycle.api.InvalidRequestException("An id cannot be null");
        }
        try {
            switch (this) {
                case LONG:
                    if (value instanceof Number n && !(value instanceof Double) && !(value instanceof Float)) {
                        return n.longValue();
                    }
                    break;
                case INTEGER:
                    if (value instanceof Number n && !(value instanceof Double) && !(value instanceof Float)) {
                        return Math.toIntExact(n.longValue());
                    }
                    break;
                case UUID:
                    if (value instanceof java.util.UUID) {
                        return value;
                    }
                    if (value instanceof String s) {
                        return java.util.UUID.fromString(s.trim());
                    }
                    break;
                case STRING:
                    if (value instanceof String) {
                        return value;
                    }
                    break;
                default:
                    break;
            }
        } catch (ArithmeticException | IllegalArgumentException e) {
            throw new dev.datalifecycle.api.InvalidRequestException("'" + value + "' is not a " + this + " id", e);
        }
        throw new dev.datalifecycle.api.InvalidRequestException("'" + value + "' (" + value.getClass().getSimpleName() + ") is not a " + this + " id");
    }

    /**
     * An id of this type from its text, as ids are kept in the library's tables and cursors.
     *
     * @throws dev.datalifecycle.api.InvalidRequestException when the text is no such id
     */
    public Object parse(String text) {
        try {
            return switch (this) {
                case LONG -> Long.valueOf(text.trim());
                case INTEGER -> Integer.valueOf(text.trim());
                case UUID -> java.util.UUID.fromString(text.trim());
                case STRING -> text;
            };
        } catch (IllegalArgumentException e) {
            throw new dev.datalifecycle.api.InvalidRequestException("'" + text + "' is not a " + this + " id", e);
        }
    }
}
