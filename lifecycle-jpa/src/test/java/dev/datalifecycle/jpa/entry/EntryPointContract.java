package dev.datalifecycle.jpa.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.datalifecycle.api.AccessDeniedException;
import dev.datalifecycle.api.Actor;
import dev.datalifecycle.api.Batch;
import dev.datalifecycle.api.BatchOutcome.Result;
import dev.datalifecycle.api.BatchReport;
import dev.datalifecycle.api.BinEntry;
import dev.datalifecycle.api.BinMember;
import dev.datalifecycle.api.BinPage;
import dev.datalifecycle.api.BinPurge;
import dev.datalifecycle.api.BinQuery;
import dev.datalifecycle.api.BinState;
import dev.datalifecycle.api.DataLifecycle;
import dev.datalifecycle.api.DatabaseException;
import dev.datalifecycle.api.DeleteBlockedException;
import dev.datalifecycle.api.DeletePlan;
import dev.datalifecycle.api.Deletion;
import dev.datalifecycle.api.InvalidRequestException;
import dev.datalifecycle.api.MemberQuery;
import dev.datalifecycle.api.NotInBinException;
import dev.datalifecycle.api.Operation;
import dev.datalifecycle.api.OutsideReferences;
import dev.datalifecycle.api.PurgeBlockedException;
import dev.datalifecycle.api.PurgeOptions;
import dev.datalifecycle.api.PurgeReport;
import dev.datalifecycle.api.RecordNotFoundException;
import dev.datalifecycle.api.RestoreDependsOnDeletionException;
import dev.datalifecycle.api.RestoreOptions;
import dev.datalifecycle.api.RestoreReport;
import dev.datalifecycle.api.UnknownEntityTypeException;
import dev.datalifecycle.api.spi.Authorizer;
import dev.datalifecycle.api.HostTransaction;
import dev.datalifecycle.core.bin.LifecycleSchema;
import dev.datalifecycle.core.sql.Dialects;
import dev.datalifecycle.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link DataLifecycle}, whichever builder made it: every operation, run once through
 * an entry point built from a {@code DataSource} and a model ({@code LifecycleJdbc}) and once through
 * one built from a Hibernate factory ({@code LifecycleJpa}), on each database. Rows are read back with
 * plain SQL; nothing is mocked. {@link EntryPointCoverageTest} fails for any method of the interface
 * this class never calls.
 */
abstract class EntryPointContract {

    static final Actor ALICE = Actor.of("alice", Set.of("sales"));

    /** A clock the tests move forward, so that deletions expire without waiting. */
    static final class MovableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-05T10:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }
    }

    /** A transaction of the host's own, as this builder's kind of host opens one. */
    interface HostTx extends AutoCloseable {
        HostTransaction transaction();

        void commit();

        void rollback();

        @Override
        void close();
    }

    /** Builds the entry point under test on {@code db}, whose tables exist. */
    abstract DataLifecycle build(TestDatabase db, Clock clock, Authorizer authorizer);

    /** Opens a transaction of the host's own on {@code db}. */
    abstract HostTx begin(TestDatabase db);

    private final MovableClock clock = new MovableClock();
    private final List<String> asked = new ArrayList<>();
    private DataLifecycle lifecycle;

    @BeforeAll
    static void schema(TestDatabase db) throws SQLException {
        EntryModel.createSchema(db);
        try (Connection c = db.dataSource().getConnection()) {
            LifecycleSchema.install(c, Dialects.detect(c));
        }
    }

    @BeforeEach
    void records(TestDatabase db) {
        db.execute("delete from lc_detached_link", "delete from lc_deletion_count", "delete from lc_deletion_root", "delete from lc_deletion");
        EntryModel.empty(db);
        db.execute("insert into ep_account (id, name) values ('a-1', 'Acme'), ('a-2', 'Globex'), ('a-3', 'Initech')",
                "insert into ep_contact (id, account_id, name) values (10, 'a-1', 'Ann'), (11, 'a-1', 'Bob'), (12, null, 'Cy'),"
                        + " (13, 'a-3', 'frozen')",
                "insert into ep_task (id, contact_id, subject) values (100, 10, 'call'), (101, 12, 'mail')",
                "insert into ep_contract (id, account_id, status) values (200, 'a-2', 'OPEN')",
                "insert into ep_tag (id, label) values (300, 'vip')",
                "insert into ep_account_tag (account_id, tag_id) values ('a-1', 300)");
        asked.clear();
        lifecycle = build(db, clock, (actor, operation, type) -> asked.add(operation + " " + type));
    }

    @Test
    void aPlanShowsWhatGoesWhatIsDetachedAndWhatBlocksAndChangesNothing(TestDatabase db) {
        DeletePlan plan = lifecycle.plan("Account", "a-1", ALICE);
        assertEquals(1, plan.deletedCount("Account"));
        assertEquals(2, plan.deletedCount("Contact"));
        assertEquals(1, plan.detached().stream().mapToLong(e -> e.count()).sum());
        assertFalse(plan.blocked());
        DeletePlan blocked = lifecycle.plan(EntryModel.Account.class, "a-2", ALICE);
        assertTrue(blocked.blocked());
        assertEquals(List.of(200L), blocked.blockers().get(0).firstIds());
        DeletePlan both = lifecycle.plan("Contact", List.of(10L, 12L), ALICE);
        assertEquals(List.of(10L, 12L), both.rootIds());
        BinPage<Object> firstIds = lifecycle.planned(plan, ALICE, MemberQuery.of("Contact").pageSize(1));
        assertEquals(List.of(10L), firstIds.entries());
        BinPage<Object> lastIds = lifecycle.planned(plan, ALICE, MemberQuery.of("Contact").pageSize(1).after(firstIds.next().orElseThrow()));
        assertEquals(List.of(11L), lastIds.entries());
        assertEquals(Optional.empty(), lastIds.next());
        assertThrows(InvalidRequestException.class, () -> lifecycle.planned(plan, ALICE, MemberQuery.of("Contact").after("ten")));
        assertEquals(List.of("PLAN Account", "PLAN Account", "PLAN Contact", "PLAN Account", "PLAN Account", "PLAN Account"), asked);
        assertEquals(List.of(), db.rows("select id from lc_deletion"));
    }

    @Test
    void aDeleteMarksTheCascadeDetachesAndIsListedWithItsRecords(TestDatabase db) {
        Deletion deletion = lifecycle.delete(lifecycle.plan("Account", "a-1", ALICE), ALICE, "duplicate");
        assertEquals(Map.of("Account", 1L, "Contact", 2L), deletion.counts());
        assertEquals(List.of("id=10", "id=11"), db.rows("select id from ep_contact where deletion_id = '" + deletion.id() + "'"));
        assertEquals(List.of("id=100, contact_id=null", "id=101, contact_id=12"), db.rows("select id, contact_id from ep_task"));

        BinPage<BinEntry> page = lifecycle.list(BinQuery.all().type("Account"), ALICE);
        assertEquals(1, page.entries().size());
        BinEntry entry = page.entries().get(0);
        assertEquals(List.of(deletion.id(), "Acme", "alice", "duplicate"), List.of(entry.id(), entry.label(), entry.actorId(), entry.reason()));
        assertEquals(Map.of("Account", 1L, "Contact", 2L), entry.counts());

        BinPage<BinMember> first = lifecycle.members(deletion.id(), ALICE, MemberQuery.of("Contact").pageSize(1));
        BinPage<BinMember> second = lifecycle.members(deletion.id(), ALICE, MemberQuery.of("Contact").pageSize(1).after(first.next().orElseThrow()));
        assertEquals(List.of(10L, 11L), List.of(first.entries().get(0).id(), second.entries().get(0).id()));
        assertEquals(List.of("PLAN Account", "DELETE Account", "LIST Account", "LIST Contact", "LIST Contact"), asked);
    }

    @Test
    void aDeleteRefusesWhatBlocksItAndChangesNothing(TestDatabase db) {
        DeletePlan plan = lifecycle.plan("Account", "a-2", ALICE);
        DeleteBlockedException e = assertThrows(DeleteBlockedException.class, () -> lifecycle.delete(plan, ALICE, "cleanup"));
        assertTrue(e.getMessage().contains("Contract"), e.getMessage());
        assertEquals(List.of(), db.rows("select id from lc_deletion"));
        assertEquals(List.of("deletion_id=null"), db.rows("select deletion_id from ep_account where id = 'a-2'"));
    }

    @Test
    void aRestoreBringsBackExactlyWhatTheDeletionTookAndSetsDetachedReferencesAgain(TestDatabase db) {
        Deletion early = lifecycle.delete(lifecycle.plan("Contact", 11L, ALICE), ALICE, "left");
        Deletion deletion = lifecycle.delete(lifecycle.plan("Account", "a-1", ALICE), ALICE, "duplicate");
        RestoreReport report = lifecycle.restore(deletion.id(), ALICE);
        assertEquals(List.of(deletion.id()), report.deletions());
        assertEquals(Map.of("Account", 1L, "Contact", 1L), report.records());
        assertEquals(List.of("id=10, deletion_id=null", "id=11, deletion_id=" + early.id(), "id=12, deletion_id=null",
                "id=13, deletion_id=null"), db.rows("select id, deletion_id from ep_contact"));
        assertEquals(List.of("id=100, contact_id=10", "id=101, contact_id=12"), db.rows("select id, contact_id from ep_task"));
        assertEquals(List.of("state=IN_BIN", "state=RESTORED"), db.rows("select state from lc_deletion"));
        assertEquals("RESTORE Account", asked.get(asked.size() - 1));
    }

    @Test
    void aRestoreWithWhatItNeedsBringsBackTheDeletionItsRecordsReference(TestDatabase db) {
        Deletion account = lifecycle.delete(lifecycle.plan("Account", "a-1", ALICE), ALICE, "closed");
        // Contact 12 is pointed at the deleted account behind the library's back, then deleted on its own.
        db.execute("update ep_contact set account_id = 'a-1' where id = 12");
        Deletion contact = lifecycle.delete(lifecycle.plan("Contact", 12L, ALICE), ALICE, "gone");
        assertThrows(RestoreDependsOnDeletionException.class, () -> lifecycle.restore(contact.id(), ALICE));
        RestoreReport report = lifecycle.restore(contact.id(), ALICE, RestoreOptions.defaults().alsoWhatItNeeds());
        assertEquals(List.of(account.id(), contact.id()), report.deletions());
        assertEquals(Map.of("Account", 1L, "Contact", 3L), report.records());
        assertEquals(4, report.total());
        assertEquals(List.of("n=0"), db.rows("select count(*) as n from ep_contact where deletion_id is not null"));
    }

    @Test
    void aPurgeDeletesForGoodWithItsLinkRowsAndLeavesATombstone(TestDatabase db) {
        Deletion deletion = lifecycle.delete(lifecycle.plan("Account", "a-1", ALICE), ALICE, "duplicate");
        PurgeReport report = lifecycle.purge(deletion.id(), ALICE);
        assertEquals(List.of(deletion.id()), report.deletions());
        assertEquals(Map.of("Account", 1L, "Contact", 2L), report.records());
        assertEquals(3, report.total());
        assertEquals(List.of("id=a-2", "id=a-3"), db.rows("select id from ep_account"));
        assertEquals(List.of(), db.rows("select account_id from ep_account_tag"));
        assertEquals(List.of("state=PURGED, label=null"), db.rows("select state, label from lc_deletion"));
        NotInBinException again = assertThrows(NotInBinException.class, () -> lifecycle.purge(deletion.id(), ALICE));
        assertTrue(again.getMessage().contains(deletion.id().toString()), again.getMessage());
        assertEquals("PURGE Account", asked.get(asked.size() - 1));
    }

    @Test
    void aPurgeRefusesReferencesFromOutsideUnlessToldToClearThem(TestDatabase db) {
        Deletion contact = lifecycle.delete(lifecycle.plan("Contact", 12L, ALICE), ALICE, "gone");
        // The task's reference was cleared (DETACH) and kept for restore; a new one points at the deleted contact.
        db.execute("insert into ep_task (id, contact_id, subject) values (102, 12, 'late')");
        assertThrows(PurgeBlockedException.class, () -> lifecycle.purge(contact.id(), ALICE));
        assertEquals(List.of("state=IN_BIN"), db.rows("select state from lc_deletion"));
        PurgeReport report = lifecycle.purge(contact.id(), ALICE, PurgeOptions.defaults().outsideReferences(OutsideReferences.CLEAR));
        assertEquals(Map.of("Contact", 1L), report.records());
        assertEquals(List.of("id=100, contact_id=10", "id=101, contact_id=null", "id=102, contact_id=null"),
                db.rows("select id, contact_id from ep_task"));
    }

    @Test
    void aBatchDeleteGivesAnOutcomePerRecord(TestDatabase db) {
        BatchReport report = lifecycle.deleteBatch(Batch.of("Account", List.of("a-1", "a-2", "a-9")).inChunksOf(2), ALICE, "cleanup");
        assertEquals(List.of(Result.DELETED, Result.BLOCKED, Result.NOT_FOUND), report.outcomes().stream().map(o -> o.result()).toList());
        assertEquals(List.of("id=a-1"), db.rows("select id from ep_account where deletion_id is not null"));
        assertEquals(List.of("DELETE Account"), asked);
        assertThrows(InvalidRequestException.class, () -> lifecycle.deleteBatch(Batch.of("Account", List.of("a-2", "a-3"))
                .inChunksOf(1).allOrNothing(), ALICE, "cleanup"));
        assertEquals(List.of("id=a-1"), db.rows("select id from ep_account where deletion_id is not null"));
    }

    @Test
    void aPurgeOfTheBinTakesWhatExpiredInChunksAndReportsProgress(TestDatabase db) {
        Deletion old = lifecycle.delete(lifecycle.plan("Account", "a-1", ALICE), ALICE, "old");
        clock.advance(Duration.ofDays(400));
        Deletion recent = lifecycle.delete(lifecycle.plan("Contact", 12L, ALICE), ALICE, "recent");
        List<BinPurge.Progress> progress = new ArrayList<>();
        PurgeReport report = lifecycle.purgeBin(BinPurge.expired().inChunksOf(1).onProgress(progress::add), ALICE);
        assertEquals(List.of(old.id()), report.deletions());
        assertEquals(Map.of("Account", 1L, "Contact", 2L), report.records());
        assertEquals(List.of(new BinPurge.Progress(1, 0, 1)), progress);
        assertEquals(List.of("state=IN_BIN, id=" + recent.id(), "state=PURGED, id=" + old.id()),
                db.rows("select state, id from lc_deletion"));
        assertEquals("PURGE null", asked.get(asked.size() - 1));
        PurgeReport all = lifecycle.purgeBin(BinPurge.everything(), ALICE);
        assertEquals(List.of(recent.id()), all.deletions());
    }

    @Test
    void adoptionTakesTheRowsTheHostDeletedBeforeIntoTheBin(TestDatabase db) {
        db.execute("update ep_account set deleted_at = timestamp '2025-12-01 00:00:00' where id = 'a-3'");
        Optional<Deletion> adopted = lifecycle.adopt("Account", ALICE, "adopted");
        assertTrue(adopted.isPresent());
        assertEquals(Map.of("Account", 1L), adopted.get().counts());
        assertEquals(List.of("deletion_id=" + adopted.get().id()), db.rows("select deletion_id from ep_account where id = 'a-3'"));
        assertEquals(Optional.empty(), lifecycle.adopt("Account", ALICE, "again"));
        assertEquals(Map.of("Account", 1L), lifecycle.restore(adopted.get().id(), ALICE).records());
        assertEquals(List.of("DELETE Account", "DELETE Account", "RESTORE Account"), asked);
    }

    @Test
    void inTheHostsTransactionAnOperationCommitsAndRollsBackWithIt(TestDatabase db) {
        List<Boolean> told = new ArrayList<>();
        try (HostTx tx = begin(db)) {
            DataLifecycle joined = lifecycle.with(tx.transaction());
            joined.delete(joined.plan("Account", "a-1", ALICE), ALICE, "undone");
            tx.transaction().afterCompletion(told::add);
            tx.rollback();
        }
        assertEquals(List.of(false), told);
        assertEquals(List.of(), db.rows("select id from lc_deletion"));
        assertEquals(List.of("n=0"), db.rows("select count(*) as n from ep_contact where deletion_id is not null"));

        AtomicReference<UUID> kept = new AtomicReference<>();
        try (HostTx tx = begin(db)) {
            DataLifecycle joined = lifecycle.with(tx.transaction());
            kept.set(joined.delete(joined.plan("Account", "a-1", ALICE), ALICE, "kept").id());
            tx.transaction().afterCompletion(told::add);
            // A refusal inside the host's transaction undoes only itself.
            assertThrows(DeleteBlockedException.class, () -> joined.delete(joined.plan("Account", "a-2", ALICE), ALICE, "blocked"));
            tx.commit();
        }
        assertEquals(List.of(false, true), told);
        assertEquals(List.of("id=" + kept.get() + ", state=IN_BIN"), db.rows("select id, state from lc_deletion"));
    }

    @Test
    void badInputGetsASpecificExceptionAndChangesNothing(TestDatabase db) {
        UnknownEntityTypeException unknown = assertThrows(UnknownEntityTypeException.class, () -> lifecycle.plan("Lead", 1L, ALICE));
        assertTrue(unknown.getMessage().contains("Lead"), unknown.getMessage());
        assertThrows(UnknownEntityTypeException.class, () -> lifecycle.plan(String.class, 1L, ALICE));
        InvalidRequestException wrongId = assertThrows(InvalidRequestException.class, () -> lifecycle.plan("Contact", "ten", ALICE));
        assertTrue(wrongId.getMessage().contains("'ten'"), wrongId.getMessage());
        assertThrows(InvalidRequestException.class, () -> lifecycle.plan("Contact", List.of(), ALICE));
        assertThrows(RecordNotFoundException.class, () -> lifecycle.plan("Account", "a-9", ALICE));
        UUID nowhere = UUID.randomUUID();
        assertThrows(RecordNotFoundException.class, () -> lifecycle.restore(nowhere, ALICE));
        assertThrows(RecordNotFoundException.class, () -> lifecycle.purge(nowhere, ALICE));
        assertThrows(RecordNotFoundException.class, () -> lifecycle.members(nowhere, ALICE, MemberQuery.of("Contact")));
        assertThrows(InvalidRequestException.class, () -> lifecycle.list(BinQuery.all().after("not-a-cursor"), ALICE));
        assertThrows(InvalidRequestException.class, () -> lifecycle.adopt("Task", ALICE, "no markers"));
        assertEquals(List.of(), db.rows("select id from lc_deletion"));
        assertEquals(List.of("n=0"), db.rows("select count(*) as n from ep_contact where deletion_id is not null"));
    }

    @Test
    void aDatabaseFailureIsWrappedWithTheOperationAndTableAndChangesNothing(TestDatabase db) {
        DeletePlan plan = lifecycle.plan("Account", "a-3", ALICE);
        DatabaseException e = assertThrows(DatabaseException.class, () -> lifecycle.delete(plan, ALICE, "frozen contact"));
        assertEquals("delete", e.operation());
        assertEquals(Optional.of("ep_contact"), e.table().map(t -> t.toLowerCase(java.util.Locale.ROOT)));
        assertTrue(e.getCause() instanceof SQLException, String.valueOf(e.getCause()));
        assertEquals(List.of(), db.rows("select id from lc_deletion"));
        assertEquals(List.of("deletion_id=null"), db.rows("select deletion_id from ep_account where id = 'a-3'"));
    }

    @Test
    void anAuthorizerThatRefusesStopsEachOperationOnceBeforeItChangesAnything(TestDatabase db) {
        Deletion deletion = lifecycle.delete(lifecycle.plan("Account", "a-1", ALICE), ALICE, "duplicate");
        List<String> refusedAsked = new ArrayList<>();
        Authorizer onlyPlans = (actor, operation, type) -> {
            refusedAsked.add(operation + " " + type);
            if (operation != Operation.PLAN) {
                throw new AccessDeniedException(actor, operation, type);
            }
        };
        DataLifecycle strict = build(db, clock, onlyPlans);
        DeletePlan plan = strict.plan("Contact", 12L, ALICE);
        assertThrows(AccessDeniedException.class, () -> strict.delete(plan, ALICE, "no"));
        assertThrows(AccessDeniedException.class, () -> strict.restore(deletion.id(), ALICE));
        assertThrows(AccessDeniedException.class, () -> strict.purge(deletion.id(), ALICE));
        assertThrows(AccessDeniedException.class, () -> strict.purgeBin(BinPurge.everything(), ALICE));
        assertThrows(AccessDeniedException.class, () -> strict.deleteBatch(Batch.of("Contact", List.of(12L)), ALICE, "no"));
        assertThrows(AccessDeniedException.class, () -> strict.list(BinQuery.all(), ALICE));
        assertEquals(List.of("PLAN Contact", "DELETE Contact", "RESTORE Account", "PURGE Account", "PURGE null", "DELETE Contact",
                "LIST null"), refusedAsked);
        assertEquals(List.of("id=" + deletion.id() + ", state=IN_BIN"), db.rows("select id, state from lc_deletion"));
        assertEquals(List.of("deletion_id=null"), db.rows("select deletion_id from ep_contact where id = 12"));
    }

    @Test
    void listingFiltersByStateAndPagesByKeyset(TestDatabase db) {
        Deletion first = lifecycle.delete(lifecycle.plan("Contact", 12L, ALICE), ALICE, "one");
        clock.advance(Duration.ofMinutes(1));
        Deletion second = lifecycle.delete(lifecycle.plan("Account", "a-1", ALICE), ALICE, "two");
        BinPage<BinEntry> page = lifecycle.list(BinQuery.all().pageSize(1), ALICE);
        assertEquals(List.of(second.id()), page.entries().stream().map(BinEntry::id).toList());
        BinPage<BinEntry> next = lifecycle.list(BinQuery.all().pageSize(1).after(page.next().orElseThrow()), ALICE);
        assertEquals(List.of(first.id()), next.entries().stream().map(BinEntry::id).toList());
        lifecycle.purge(first.id(), ALICE);
        assertEquals(List.of(first.id()), lifecycle.list(BinQuery.all().state(BinState.PURGED), ALICE).entries().stream()
                .map(BinEntry::id).toList());
    }
}
