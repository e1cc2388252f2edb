package dev.datalifecycle.core.sql;

import dev.datalifecycle.testkit.Dbms;
import dev.datalifecycle.testkit.OnDatabase;

@OnDatabase(Dbms.MARIADB)
class DialectMariaDbTest extends DialectContract {
}
