package dev.datalifecycle.testkit;

@OnDatabase(Dbms.MARIADB)
class TestDatabaseIsolationMariaDbTest extends TestDatabaseIsolationContract {
}
