package dev.datalifecycle.core.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.datalifecycle.core.sql.Dialects;
import dev.datalifecycle.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The installer creates the library's tables once, and they hold what the bin needs. */
abstract class LifecycleSchemaContract {

    @Test
    void installsOnceAndTheTablesTakeADeletionWithItsRootsCountsAndLinks(TestDatabase db) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            assertFalse(LifecycleSchema.installed(c));
            assertTrue(LifecycleSchema.install(c, Dialects.detect(c)));
            assertTrue(LifecycleSchema.installed(c));
            assertFalse(LifecycleSchema.install(c, Dialects.detect(c)), "a second install changes nothing");
        }
        db.execute(
                "insert into lc_deletion (id, tenant_id, actor_id, root_type, state, deleted_at, expires_at)"
                        + " values ('5f0c1c1e-0000-4000-8000-000000000001', 't1', 'alice', 'Customer', 'IN_BIN',"
                        + " timestamp '2026-11-24 10:00:00', timestamp '2026-12-24 10:00:00')",
                "insert into lc_deletion_root values ('5f0c1c1e-0000-4000-8000-000000000001', 'Customer', '42')",
                "insert into lc_deletion_count values ('5f0c1c1e-0000-4000-8000-000000000001', 'Contact', 3)",
                "insert into lc_detached_link values ('5f0c1c1e-0000-4000-8000-000000000001', 'Activity.contact_id', '7', '10')");
        assertEquals(List.of("entity_type=Contact, records=3"), db.rows("select entity_type, records from lc_deletion_count"));
        assertEquals(List.of("old_value=10"), db.rows("select old_value from lc_detached_link where record_id = '7'"));
    }

    @Test
    void theScriptsSplitIntoStatements() {
        List<String> statements = LifecycleSchema.statements("db/lifecycle/postgresql/V1_0__lifecycle_tables.sql");
        assertEquals(6, statements.size(), String.join("\n---\n", statements));
        assertTrue(statements.get(0).startsWith("CREATE TABLE lc_deletion ("));
    }
}
