package dev.datalifecycle.testkit;

@OnDatabase(Dbms.POSTGRESQL)
class StatementCounterPostgreSqlTest extends StatementCounterContract {
}
