package dev.datalifecycle.jpa.entry;

import dev.datalifecycle.testkit.Dbms;
import dev.datalifecycle.testkit.OnDatabase;

@OnDatabase(Dbms.MARIADB)
class EntryPointJpaMariaDbTest extends EntryPointJpaContract {
}
