/**
 * Private API: the engine behind {@link dev.datalifecycle.api.DataLifecycle} and the pieces only it
 * uses. No compatibility promise; no other module may use it (an ArchUnit rule keeps it so).
 */
package dev.datalifecycle.core.internal;
