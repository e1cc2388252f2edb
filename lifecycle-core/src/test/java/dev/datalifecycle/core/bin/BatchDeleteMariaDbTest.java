package dev.datalifecycle.core.bin;

import dev.datalifecycle.testkit.Dbms;
import dev.datalifecycle.testkit.OnDatabase;

@OnDatabase(Dbms.MARIADB)
class BatchDeleteMariaDbTest extends BatchDeleteContract {
}
