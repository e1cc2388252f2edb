/**
 * Annotations a host puts on its entities: which are soft-deletable, and (as they land) delete rules,
 * references, owners, personal data and retention.
 */
package dev.datalifecycle.api.annotation;
