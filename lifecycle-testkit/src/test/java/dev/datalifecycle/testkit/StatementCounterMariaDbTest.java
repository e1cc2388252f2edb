package dev.datalifecycle.testkit;

@OnDatabase(Dbms.MARIADB)
class StatementCounterMariaDbTest extends StatementCounterContract {
}
