package dev.datalifecycle.core.sql;

import dev.datalifecycle.testkit.Dbms;
import dev.datalifecycle.testkit.OnDatabase;

@OnDatabase(Dbms.H2)
class DialectH2Test extends DialectContract {
}
