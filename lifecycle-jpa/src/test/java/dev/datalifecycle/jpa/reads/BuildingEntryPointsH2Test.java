package dev.datalifecycle.jpa.reads;

import dev.datalifecycle.testkit.Dbms;
import dev.datalifecycle.testkit.OnDatabase;

@OnDatabase(Dbms.H2)
class BuildingEntryPointsH2Test extends BuildingEntryPointsContract {
}
