package dev.datalifecycle.core.bin;

import dev.datalifecycle.api.Deletion;
import java.sql.Connection;
import java.sql.SQLException;

/** Called in the transaction of each deletion a batch makes, e.g. to evict what an integration caches. */
@FunctionalInterface
public interface AfterDeletion {

    /** {@code deletion} was just made on {@code connection}. */
    void accept(Connection connection, Deletion deletion) throws SQLException;
}
