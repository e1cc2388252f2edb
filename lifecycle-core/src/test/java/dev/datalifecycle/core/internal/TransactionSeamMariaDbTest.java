package dev.datalifecycle.core.internal;

import dev.datalifecycle.testkit.Dbms;
import dev.datalifecycle.testkit.OnDatabase;

@OnDatabase(Dbms.MARIADB)
class TransactionSeamMariaDbTest extends TransactionSeamContract {
}
