/**
 * What a host application compiles against: the entry point, value types and exceptions of Data
 * Lifecycle. Depends on the JDK only. Annotations live in {@code dev.datalifecycle.api.annotation},
 * extension points in {@code dev.datalifecycle.api.spi}, audit events in
 * {@code dev.datalifecycle.api.event}.
 */
package dev.datalifecycle.api;
