package dev.datalifecycle.core.bin;

import dev.datalifecycle.testkit.Dbms;
import dev.datalifecycle.testkit.OnDatabase;

@OnDatabase(Dbms.POSTGRESQL)
class BatchDeletePostgreSqlTest extends BatchDeleteContract {
}
