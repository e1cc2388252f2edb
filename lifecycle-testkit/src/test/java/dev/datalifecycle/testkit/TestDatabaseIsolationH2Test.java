package dev.datalifecycle.testkit;

@OnDatabase(Dbms.H2)
class TestDatabaseIsolationH2Test extends TestDatabaseIsolationContract {
}
