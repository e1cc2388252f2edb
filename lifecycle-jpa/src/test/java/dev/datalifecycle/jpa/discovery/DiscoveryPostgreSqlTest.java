package dev.datalifecycle.jpa.discovery;

import dev.datalifecycle.testkit.Dbms;
import dev.datalifecycle.testkit.OnDatabase;

@OnDatabase(Dbms.POSTGRESQL)
class DiscoveryPostgreSqlTest extends DiscoveryContract {
}
