package dev.datalifecycle.jpa.reads;

import dev.datalifecycle.testkit.Dbms;
import dev.datalifecycle.testkit.OnDatabase;

@OnDatabase(Dbms.POSTGRESQL)
class InsertGuardSwitchedOffPostgreSqlTest extends InsertGuardSwitchedOffContract {
}
