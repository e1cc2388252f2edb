package dev.datalifecycle.jpa.discovery;

import dev.datalifecycle.testkit.Dbms;
import dev.datalifecycle.testkit.OnDatabase;

@OnDatabase(Dbms.MARIADB)
class DiscoveryMariaDbTest extends DiscoveryContract {
}
