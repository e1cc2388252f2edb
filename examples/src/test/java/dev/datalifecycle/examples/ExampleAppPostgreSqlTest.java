package dev.datalifecycle.examples;

import dev.datalifecycle.testkit.Dbms;
import dev.datalifecycle.testkit.OnDatabase;

@OnDatabase(Dbms.POSTGRESQL)
class ExampleAppPostgreSqlTest extends ExampleAppContract {
}
