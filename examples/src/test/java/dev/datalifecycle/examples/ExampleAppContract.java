package dev.datalifecycle.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.datalifecycle.testkit.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example app runs as the README says, on every database, and prints its walk-through's key lines. */
abstract class ExampleAppContract {

    @Test
    void createsTheSampleCrmAndWalksThroughTheLibrary(TestDatabase db) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ExampleApp.run(new ExampleApp.Settings(db.jdbcUrl(), db.user(), db.password(), db.toString()),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertTrue(out.startsWith("Data Lifecycle for CRM: the example CRM on " + db), out);
        assertTrue(out.contains("| id | customer          | industry      | owner        | contacts | opportunities | open contracts | activities |"), out);
        assertTrue(out.contains("| Northwind Traders | Wholesale     | Alice Martin |        3 |             2 |              1 |          4 |"), out);
        assertTrue(out.contains("| Initech           |               | Bob Chen     |        0 |             0 |              0 |          0 |"), out);
        // The walk-through, step by step.
        assertTrue(out.contains("Blocked: yes, by 1 Contract"), out);
        assertTrue(out.contains("| deleted | Contract    |     |       1 |"), out);
        assertTrue(out.contains("Refused: the plan no longer matches what the delete would take."), out);
        assertTrue(out.contains("Deleted Contoso Ltd with what goes with it: 1 Customer, 2 Activity, 1 Contract, 3 Contact, 1 Opportunity"), out);
        String afterDelete = out.substring(out.indexOf("4. The application's own queries"), out.indexOf("5. The recycle bin"));
        assertTrue(!afterDelete.contains("Contoso"), afterDelete);
        assertTrue(out.contains("| Contoso Ltd | Customer |       8 | alice      | duplicate account | IN_BIN |"), out);
        String restored = out.substring(out.indexOf("6. Restore"), out.indexOf("7. A batch delete"));
        assertTrue(restored.contains("Restored 8 records"), restored);
        assertTrue(restored.contains("|  2 | Contoso Ltd       | Manufacturing | Bob Chen     |        3 |"), restored);
        assertTrue(out.contains("|        1 | BLOCKED | 1 Contract via Contract.customer_id"), out);
        assertTrue(out.contains("Purged 4 records for good"), out);
        assertTrue(out.contains("| (erased) | Customer |       3 | alice      | year-end cleanup | PURGED |"), out);
        // What the database holds at the end: Northwind and Contoso live; Globex and Initech purged.
        assertEquals(List.of("n=2"), db.rows("select count(*) as n from customer"));
        assertEquals(List.of("n=0"), db.rows("select count(*) as n from customer where deletion_id is not null"));
        assertEquals(List.of("n=6"), db.rows("select count(*) as n from activity"));
    }
}
