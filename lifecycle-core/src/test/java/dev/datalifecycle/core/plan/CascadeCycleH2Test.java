package dev.datalifecycle.core.plan;

import dev.datalifecycle.testkit.Dbms;
import dev.datalifecycle.testkit.OnDatabase;

@OnDatabase(Dbms.H2)
class CascadeCycleH2Test extends CascadeCycleContract {
}
