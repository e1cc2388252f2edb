package dev.datalifecycle.examples.docs;

import dev.datalifecycle.testkit.Dbms;
import dev.datalifecycle.testkit.OnDatabase;

@OnDatabase(Dbms.MARIADB)
class RecycleBinDocsMariaDbTest extends RecycleBinDocsContract {
}
