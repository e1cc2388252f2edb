package dev.datalifecycle.jpa.entry;

import dev.datalifecycle.testkit.Dbms;
import dev.datalifecycle.testkit.OnDatabase;

@OnDatabase(Dbms.H2)
class EntryPointJdbcH2Test extends EntryPointJdbcContract {
}
