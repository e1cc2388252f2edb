package dev.datalifecycle.core.bin;

import dev.datalifecycle.testkit.Dbms;
import dev.datalifecycle.testkit.OnDatabase;

@OnDatabase(Dbms.H2)
class BatchDeleteH2Test extends BatchDeleteContract {
}
