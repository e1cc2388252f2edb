package dev.datalifecycle.testkit;

@OnDatabase(Dbms.POSTGRESQL)
class TestDatabaseIsolationPostgreSqlTest extends TestDatabaseIsolationContract {
}
