package dev.datalifecycle.examples.docs;

import dev.datalifecycle.testkit.Dbms;
import dev.datalifecycle.testkit.OnDatabase;

@OnDatabase(Dbms.H2)
class HibernateDocsH2Test extends HibernateDocsContract {
}
