package dev.datalifecycle.examples;

import dev.datalifecycle.testkit.Dbms;
import dev.datalifecycle.testkit.OnDatabase;

@OnDatabase(Dbms.H2)
class ExampleAppH2Test extends ExampleAppContract {
}
