package dev.datalifecycle.core.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.datalifecycle.api.Actor;
import dev.datalifecycle.api.Deletion;
import dev.datalifecycle.core.model.IdType;
import dev.datalifecycle.core.model.LifecycleModel;
import dev.datalifecycle.core.plan.DeletePlanner;
import dev.datalifecycle.core.sql.Dialect;
import dev.datalifecycle.core.sql.Dialects;
import dev.datalifecycle.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A host table that had its own soft delete before the library came: a {@code removed_on} timestamp
 * and an {@code is_deleted} flag. Both are adopted; only the deletion-id column is new.
 */
abstract class AdoptedMarkersContract {

    private static final Actor ADA = Actor.of("ada", Set.of());
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);
    private static final LifecycleModel MODEL = LifecycleModel.builder()
            .type("Lead", t -> t.table("lead_record").id("id", IdType.LONG).markers("deletion_id", "removed_on").deletedFlag("is_deleted"))
            .build();

    @BeforeAll
    static void createSchema(TestDatabase db) throws SQLException {
        db.execute("create table lead_record (id bigint primary key, name varchar(40), removed_on timestamp,"
                        + " is_deleted boolean default false not null)",
                "alter table lead_record add deletion_id varchar(36)",
                "insert into lead_record (id, name) values (1, 'Ada'), (2, 'Bob')");
        try (Connection c = db.dataSource().getConnection()) {
            LifecycleSchema.install(c, Dialects.detect(c));
        }
    }

    /** What the host's own queries, written against its flag, see. */
    private static List<String> hostSees(TestDatabase db) {
        return db.rows("select id, removed_on, case when is_deleted then 'deleted' else 'live' end as flag from lead_record");
    }

    @Test
    void theHostsFlagAndTimestampFollowDeleteAndRestore(TestDatabase db) throws SQLException {
        Dialect dialect;
        Deletion deletion;
        try (Connection c = db.dataSource().getConnection()) {
            dialect = Dialects.detect(c);
            var plan = new DeletePlanner(MODEL, dialect).plan(c, "Lead", List.of(1L), ADA);
            deletion = new RecycleBin(MODEL, dialect, CLOCK).delete(db.dataSource(), plan, ADA, "test");
        }
        assertEquals(List.of("id=1, removed_on=2026-11-24 10:00:00.0, flag=deleted", "id=2, removed_on=null, flag=live"), hostSees(db));
        assertEquals(List.of("deletion_id=" + deletion.id(), "deletion_id=null"), db.rows("select deletion_id from lead_record order by id"));

        new RecycleBin(MODEL, dialect, CLOCK).restore(db.dataSource(), deletion.id(), ADA);
        assertEquals(List.of("id=1, removed_on=null, flag=live", "id=2, removed_on=null, flag=live"), hostSees(db));
    }

    @Test
    void rowsTheHostDeletedBeforeAdoptingGoIntoTheBinAsOneDeletion(TestDatabase db) throws SQLException {
        // Deleted by the host before the library came: its flag (and, for one, its timestamp) set, no deletion id.
        db.execute("insert into lead_record (id, name, removed_on, is_deleted) values (7, 'Old', timestamp '2026-01-02 03:04:05', true)",
                "insert into lead_record (id, name, is_deleted) values (8, 'Older', true)");
        RecycleBin bin;
        try (Connection c = db.dataSource().getConnection()) {
            bin = new RecycleBin(MODEL, Dialects.detect(c), CLOCK);
        }
        Deletion adopted = bin.adoptEarlierDeletions(db.dataSource(), "Lead", ADA, "adopted at migration");
        assertEquals(java.util.Map.of("Lead", 2L), adopted.counts());
        assertEquals(List.of("id=7, removed_on=2026-01-02 03:04:05.0, flag=deleted", "id=8, removed_on=2026-11-24 10:00:00.0, flag=deleted"),
                db.rows("select id, removed_on, case when is_deleted then 'deleted' else 'live' end as flag from lead_record"
                        + " where deletion_id = '" + adopted.id() + "'"));
        assertEquals(List.of("record_id=7", "record_id=8"), db.rows("select record_id from lc_deletion_root where deletion_id = '"
                + adopted.id() + "'"));
        assertEquals(null, bin.adoptEarlierDeletions(db.dataSource(), "Lead", ADA, "again"), "nothing left to adopt");

        bin.restore(db.dataSource(), adopted.id(), ADA);
        assertEquals(List.of("id=7, removed_on=null, flag=live", "id=8, removed_on=null, flag=live"),
                db.rows("select id, removed_on, case when is_deleted then 'deleted' else 'live' end as flag from lead_record where id in (7, 8)"));
        db.execute("delete from lead_record where id in (7, 8)");
    }
}
