package dev.datalifecycle.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.datalifecycle.testkit.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example app runs as the README says, on every database, and prints its tables. */
abstract class ExampleAppContract {

    @Test
    void createsTheSampleCrmAndListsItAsTables(TestDatabase db) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ExampleApp.run(new ExampleApp.Settings(db.jdbcUrl(), db.user(), db.password(), db.toString()),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertTrue(out.startsWith("Data Lifecycle for CRM: the example CRM on " + db), out);
        assertTrue(out.contains("| id | customer          | industry      | owner        | contacts | opportunities | open contracts | activities |"), out);
        assertTrue(out.contains("| Northwind Traders | Wholesale     | Alice Martin |        3 |             2 |              1 |          4 |"), out);
        assertTrue(out.contains("| Initech           |               | Bob Chen     |        0 |             0 |              0 |          0 |"), out);
        assertEquals(List.of("n=4"), db.rows("select count(*) as n from customer"));
        assertEquals(List.of("n=7"), db.rows("select count(*) as n from activity"));
    }
}
