package dev.datalifecycle.jpa.discovery;

import dev.datalifecycle.testkit.Dbms;
import dev.datalifecycle.testkit.OnDatabase;

@OnDatabase(Dbms.H2)
class DiscoveryH2Test extends DiscoveryContract {
}
