package dev.datalifecycle.jpa;

import dev.datalifecycle.testkit.Dbms;
import dev.datalifecycle.testkit.OnDatabase;

@OnDatabase(Dbms.H2)
class JpaRoundTripH2Test extends JpaRoundTripContract {
}
