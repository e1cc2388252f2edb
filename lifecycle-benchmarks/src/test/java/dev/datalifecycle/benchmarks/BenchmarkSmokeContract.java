package dev.datalifecycle.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.datalifecycle.testkit.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smallest benchmark run on each database, so the harness and every benchmark's contenders keep
 * working; it checks the shape of results.json, never the timings.
 */
abstract class BenchmarkSmokeContract {

    @Test
    void aTinyRunWritesResultsJsonWithRatiosAgainstTheBaseline(TestDatabase db, @TempDir Path dir) throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        List<BenchmarkResult> results = BenchmarkRunner.run(db, new BenchmarkRunner.Options(10, 1, 2, null),
                new PrintStream(progress, true, StandardCharsets.UTF_8), false);
        Path out = dir.resolve("benchmarks/results.json");
        BenchmarkMain.write(results, out);

        JsonNode json = new ObjectMapper().readTree(out.toFile());
        assertEquals(37, json.size(), json::toPrettyString);
        Set<String> fields = Set.of("name", "database", "scale", "unit", "median", "min", "max", "baseline", "ratio", "statements");
        for (JsonNode row : json) {
            assertEquals(fields, Set.copyOf(iterate(row.fieldNames())), row::toString);
            assertEquals(db.dbms().displayName(), row.get("database").asText());
            assertEquals(10, row.get("scale").asInt());
            assertEquals("ms", row.get("unit").asText());
            assertTrue(row.get("min").asDouble() <= row.get("median").asDouble() && row.get("median").asDouble() <= row.get("max").asDouble(), row::toString);
            assertTrue(row.get("statements").asLong() > 0, row::toString);
        }
        JsonNode jpa = json.get(0);
        JsonNode jdbc = json.get(1);
        assertEquals("insert-crm-records:plain-jpa", jpa.get("name").asText());
        assertEquals("hand-jdbc", jpa.get("baseline").asText());
        assertEquals("insert-crm-records:hand-jdbc", jdbc.get("name").asText());
        assertTrue(jdbc.get("baseline").isNull());
        assertNull(results.get(1).ratio());
        assertEquals(jpa.get("median").asDouble() / jdbc.get("median").asDouble(), jpa.get("ratio").asDouble(), 0.01);
        // 10 customers x 5 rows, committed by the last measured contender's operation.
        assertEquals(List.of("n=50"), db.rows("select (select count(*) from customer) + (select count(*) from contact)"
                + " + (select count(*) from activity) as n"));
        assertEquals("plan-delete:data-lifecycle", json.get(2).get("name").asText());
        assertEquals("hand-jdbc", json.get(2).get("baseline").asText());
        assertEquals("plan-delete:data-lifecycle", json.get(3).get("name").asText());
        assertEquals("plain-jpa", json.get(3).get("baseline").asText());
        assertEquals("plan-delete:hand-jdbc", json.get(4).get("name").asText());
        assertEquals("plan-delete:plain-jpa", json.get(5).get("name").asText());
        assertEquals("soft-delete:data-lifecycle", json.get(6).get("name").asText());
        assertEquals("hand-jdbc", json.get(6).get("baseline").asText());
        assertEquals("hand-jdbc-all-paths", json.get(7).get("baseline").asText());
        assertEquals("plain-jpa", json.get(8).get("baseline").asText());
        assertEquals("soft-delete:its-plan", json.get(9).get("name").asText());
        assertEquals("soft-delete:hand-jdbc-all-paths", json.get(11).get("name").asText());
        assertEquals("soft-delete:plain-jpa", json.get(12).get("name").asText());
        assertEquals("restore:data-lifecycle", json.get(13).get("name").asText());
        assertEquals("permanent-delete:data-lifecycle", json.get(15).get("name").asText());
        assertEquals("permanent-delete:hand-jdbc", json.get(16).get("name").asText());
        assertEquals("read-list:data-lifecycle", json.get(17).get("name").asText());
        assertEquals("no-restriction", json.get(17).get("baseline").asText());
        assertEquals("hibernate-soft-delete", json.get(18).get("baseline").asText());
        assertEquals("read-find:data-lifecycle", json.get(21).get("name").asText());
        assertEquals("read-collection:hibernate-soft-delete", json.get(28).get("name").asText());
        assertEquals("insert-guard:data-lifecycle", json.get(29).get("name").asText());
        assertEquals("no-guard", json.get(29).get("baseline").asText());
        assertEquals("insert-guard-2-threads:no-guard", json.get(32).get("name").asText());
        assertEquals("batch-delete:data-lifecycle", json.get(33).get("name").asText());
        assertEquals("hand-jdbc", json.get(33).get("baseline").asText());
        assertEquals("batch-delete:plain-jpa", json.get(36).get("name").asText());
        // One progress line per contender and round: (2 + 3 + 5 + 2 + 2 + 3 x 3 + 2 x 2 + 3 contenders) x (1 warm-up + 2 measured).
        assertEquals(90, progress.toString(StandardCharsets.UTF_8).lines().count());
    }

    private static List<String> iterate(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
