package dev.datalifecycle.jpa;

import dev.datalifecycle.testkit.Dbms;
import dev.datalifecycle.testkit.OnDatabase;

@OnDatabase(Dbms.POSTGRESQL)
class JpaRoundTripPostgreSqlTest extends JpaRoundTripContract {
}
