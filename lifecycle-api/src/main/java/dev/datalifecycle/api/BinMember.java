package dev.datalifecycle.api;

/**
 * One record a deletion took.
 *
 * @param type  its type
 * @param id    its id
 * @param label its display label (null when its type has none)
 */
public record BinMember(String type, Object id, String label) {
}
