package dev.datalifecycle.testkit;

@OnDatabase(Dbms.H2)
class StatementCounterH2Test extends StatementCounterContract {
}
