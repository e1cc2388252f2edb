package dev.datalifecycle.examples.docs;

import dev.datalifecycle.testkit.Dbms;
import dev.datalifecycle.testkit.OnDatabase;

@OnDatabase(Dbms.POSTGRESQL)
class HibernateDocsPostgreSqlTest extends HibernateDocsContract {
}
