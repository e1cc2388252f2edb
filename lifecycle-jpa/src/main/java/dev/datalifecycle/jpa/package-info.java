/**
 * The Hibernate ORM side of Data Lifecycle: reads the model from the host's mappings while its
 * {@code EntityManagerFactory} boots, makes deleted rows invisible to the host's reads, and runs the
 * engine inside the host's transaction. Hibernate-specific on purpose: plain Jakarta Persistence
 * exposes no table or column names (see docs/decisions).
 */
package dev.datalifecycle.jpa;
