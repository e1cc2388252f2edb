package dev.datalifecycle.core.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.datalifecycle.api.Actor;
import dev.datalifecycle.api.Deletion;
import dev.datalifecycle.api.RestoreConflictException;
import dev.datalifecycle.core.model.IdType;
import dev.datalifecycle.core.model.LifecycleModel;
import dev.datalifecycle.core.plan.DeletePlanner;
import dev.datalifecycle.core.sql.Dialect;
import dev.datalifecycle.core.sql.Dialects;
import dev.datalifecycle.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The DDL docs/recycle-bin.md gives for a value unique among live rows only, run on each database:
 * a deleted record keeps its value, a new live record may take it, and restoring the deleted one is
 * then a conflict found before anything changes.
 */
abstract class LiveUniqueKeyContract {

    private static final Actor ADA = Actor.of("ada", Set.of());
    /** {@code email} is declared; {@code code} is a key only the database knows. */
    private static final LifecycleModel MODEL = LifecycleModel.builder()
            .type("Account", t -> t.table("account").id("id", IdType.LONG).notNull("email").notNull("code")
                    .markers("deletion_id", "deleted_at").uniqueKey("account_email", "email"))
            // JOINED: the handle lives in the subclass table, the marker in the root table, so no index
            // can make it unique among live rows; only the model knows.
            .type("Premium", t -> t.table("account").id("id", IdType.LONG).notNull("email").notNull("code")
                    .markers("deletion_id", "deleted_at").subclassTable("premium", "account_id").notNull("handle")
                    .uniqueKey("premium_handle", "handle"))
            .build();

    /** The per-database DDL, as docs/recycle-bin.md shows it. */
    static List<String> liveUniqueDdl(TestDatabase db, String column) {
        return switch (db.dbms()) {
            case POSTGRESQL -> List.of(
                    "create unique index account_" + column + "_live on account (" + column + ") where deletion_id is null");
            case MARIADB -> List.of(
                    "alter table account add " + column + "_live varchar(100)"
                            + " as (case when deletion_id is null then " + column + " end) virtual",
                    "create unique index account_" + column + "_live on account (" + column + "_live)");
            case H2 -> List.of(
                    "alter table account add " + column + "_live varchar(100)"
                            + " generated always as (case when deletion_id is null then " + column + " end)",
                    "create unique index account_" + column + "_live on account (" + column + "_live)");
        };
    }

    @BeforeAll
    static void createSchema(TestDatabase db) throws SQLException {
        db.execute("create table account (id bigint primary key, email varchar(100) not null, code varchar(100) not null,"
                + " deletion_id varchar(36), deleted_at timestamp)");
        db.execute("create table premium (account_id bigint primary key references account (id), handle varchar(40) not null)");
        db.execute(liveUniqueDdl(db, "email").toArray(String[]::new));
        db.execute(liveUniqueDdl(db, "code").toArray(String[]::new));
        try (Connection c = db.dataSource().getConnection()) {
            LifecycleSchema.install(c, Dialects.detect(c));
        }
    }

    @BeforeEach
    void data(TestDatabase db) {
        db.execute("delete from lc_deletion_count", "delete from lc_deletion_root", "delete from lc_detached_link", "delete from lc_deletion",
                "delete from premium", "delete from account", "insert into account (id, email, code) values (1, 'ada@example.com', 'A-1')");
    }

    private static Deletion deleteAccount(TestDatabase db, long id) throws SQLException {
        return delete(db, "Account", id);
    }

    private static Deletion delete(TestDatabase db, String type, long id) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            Dialect dialect = Dialects.detect(c);
            var plan = new DeletePlanner(MODEL, dialect).plan(c, type, List.of(id), ADA);
            return new RecycleBin(MODEL, dialect, Clock.systemUTC()).delete(db.dataSource(), plan, ADA, "test");
        }
    }

    private static RecycleBin bin(TestDatabase db) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            return new RecycleBin(MODEL, Dialects.detect(c), Clock.systemUTC());
        }
    }

    @Test
    void aDeletedRecordKeepsItsValueAndANewLiveRecordMayTakeItButNotTwo(TestDatabase db) throws SQLException {
        deleteAccount(db, 1);
        db.execute("insert into account (id, email, code) values (2, 'ada@example.com', 'A-1')");
        assertThrows(RuntimeException.class,
                () -> db.execute("insert into account (id, email, code) values (3, 'ada@example.com', 'A-3')"), "two live records");
        assertEquals(List.of("email=ada@example.com, id=1", "email=ada@example.com, id=2"), db.rows("select email, id from account"));
    }

    @Test
    void restoringItWhileALiveRecordHoldsTheValueIsAConflictNamingBoth(TestDatabase db) throws SQLException {
        Deletion deletion = deleteAccount(db, 1);
        db.execute("insert into account (id, email, code) values (2, 'ada@example.com', 'B-2')");
        RestoreConflictException e = assertThrows(RestoreConflictException.class, () -> bin(db).restore(db.dataSource(), deletion.id(), ADA));
        assertEquals("Deletion " + deletion.id() + " cannot be restored: Account 1 would take unique key account_email [email],"
                + " which live Account 2 holds now. Change or delete one of them first", e.getMessage());
        assertEquals(List.of("id=2"), db.rows("select id from account where deletion_id is null"));

        db.execute("delete from account where id = 2");
        bin(db).restore(db.dataSource(), deletion.id(), ADA);
        assertEquals(List.of("id=1"), db.rows("select id from account where deletion_id is null"));
    }

    @Test
    void aKeyOnlyTheDatabaseKnowsIsAConflictTooAndNothingChanges(TestDatabase db) throws SQLException {
        Deletion deletion = deleteAccount(db, 1);
        db.execute("insert into account (id, email, code) values (2, 'other@example.com', 'A-1')");
        RestoreConflictException e = assertThrows(RestoreConflictException.class, () -> bin(db).restore(db.dataSource(), deletion.id(), ADA));
        assertTrue(e.getMessage().startsWith("Deletion " + deletion.id() + " cannot be restored: the database refuses a duplicate in"
                + " Account's table"), e.getMessage());
        assertEquals(List.of("state=IN_BIN"), db.rows("select state from lc_deletion"));
        assertEquals(List.of("id=2"), db.rows("select id from account where deletion_id is null"));
    }

    @Test
    void aKeyInAJoinedSubclassTableWhoseMarkerLivesInTheRootTableIsCheckedByTheModel(TestDatabase db) throws SQLException {
        db.execute("insert into account (id, email, code) values (5, 'p5@example.com', 'P-5')",
                "insert into premium (account_id, handle) values (5, 'ada')");
        Deletion deletion = delete(db, "Premium", 5);
        db.execute("insert into account (id, email, code) values (6, 'p6@example.com', 'P-6')",
                "insert into premium (account_id, handle) values (6, 'ada')");
        RestoreConflictException e = assertThrows(RestoreConflictException.class, () -> bin(db).restore(db.dataSource(), deletion.id(), ADA));
        assertEquals("Deletion " + deletion.id() + " cannot be restored: Premium 5 would take unique key premium_handle [handle],"
                + " which live Premium 6 holds now. Change or delete one of them first", e.getMessage());
        assertEquals(List.of("state=IN_BIN"), db.rows("select state from lc_deletion"));
    }
}
