package dev.datalifecycle.examples;

import dev.datalifecycle.testkit.Dbms;
import dev.datalifecycle.testkit.OnDatabase;

@OnDatabase(Dbms.MARIADB)
class ExampleAppMariaDbTest extends ExampleAppContract {
}
