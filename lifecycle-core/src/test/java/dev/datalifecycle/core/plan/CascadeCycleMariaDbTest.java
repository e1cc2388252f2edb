package dev.datalifecycle.core.plan;

import dev.datalifecycle.testkit.Dbms;
import dev.datalifecycle.testkit.OnDatabase;

@OnDatabase(Dbms.MARIADB)
class CascadeCycleMariaDbTest extends CascadeCycleContract {
}
