/**
 * SQL dialects: the {@link dev.datalifecycle.core.sql.Dialect} interface, its H2, PostgreSQL and
 * MariaDB implementations, and {@link dev.datalifecycle.core.sql.Dialects}, which detects one from a
 * connection. Every SQL difference between the databases lives here and nowhere else.
 */
package dev.datalifecycle.core.sql;
