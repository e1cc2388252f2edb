package dev.datalifecycle.core.internal;

import dev.datalifecycle.testkit.Dbms;
import dev.datalifecycle.testkit.OnDatabase;

@OnDatabase(Dbms.H2)
class TransactionSeamH2Test extends TransactionSeamContract {
}
