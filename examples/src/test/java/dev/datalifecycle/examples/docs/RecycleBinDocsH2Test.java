package dev.datalifecycle.examples.docs;

import dev.datalifecycle.testkit.Dbms;
import dev.datalifecycle.testkit.OnDatabase;

@OnDatabase(Dbms.H2)
class RecycleBinDocsH2Test extends RecycleBinDocsContract {
}
