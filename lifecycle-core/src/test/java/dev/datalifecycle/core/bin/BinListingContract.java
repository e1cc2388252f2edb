package dev.datalifecycle.core.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.datalifecycle.api.Actor;
import dev.datalifecycle.api.BinEntry;
import dev.datalifecycle.api.BinMember;
import dev.datalifecycle.api.BinPage;
import dev.datalifecycle.api.BinQuery;
import dev.datalifecycle.api.BinState;
import dev.datalifecycle.api.DataLifecycle;
import dev.datalifecycle.api.Deletion;
import dev.datalifecycle.api.InvalidRequestException;
import dev.datalifecycle.api.RecordNotFoundException;
import dev.datalifecycle.core.LifecycleJdbc;
import dev.datalifecycle.core.model.LifecycleModel;
import dev.datalifecycle.core.plan.DeletePlanner;
import dev.datalifecycle.core.sql.Dialect;
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
import org.junit.jupiter.api.Test;

/**
 * The bin as users list it: labels captured at delete and erased at purge, counts and expiry, keyset
 * pages that stay put while deletions are made, filters, and one tenant never seeing another's.
 */
abstract class BinListingContract extends CrmBinContract {

    private static final Actor GRETA = Actor.of("greta", "t2", Set.of());
    private static final Actor RETENTION_JOB = Actor.of("retention", Set.of());

    /** Deletes each customer in turn, one minute apart from {@code start}, as {@code actor}. */
    private static List<Deletion> deleteCustomers(TestDatabase db, Instant start, Actor actor, long... ids) throws SQLException {
        List<Deletion> made = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            Clock clock = Clock.fixed(start.plus(Duration.ofMinutes(i)), ZoneOffset.UTC);
            long id = ids[i];
            try (Connection c = db.dataSource().getConnection()) {
                c.setAutoCommit(false);
                Dialect dialect = Dialects.detect(c);
                made.add(new RecycleBin(MODEL, dialect, clock).delete(c, new DeletePlanner(MODEL, dialect).plan(c, "Customer", List.of(id), actor),
                        actor, "closing " + id));
                c.commit();
            }
        }
        return made;
    }

    private static void customers(TestDatabase db, long from, long to) {
        List<String> sql = new ArrayList<>();
        for (long id = from; id <= to; id++) {
            sql.add("insert into customer (id, tenant_id, name) values (" + id + ", 't1', 'Customer " + id + "')");
        }
        db.execute(sql.toArray(String[]::new));
    }

    private static BinPage<BinEntry> list(TestDatabase db, BinQuery query, Actor actor) throws SQLException {
        return inTransaction(db, (c, planner, bin) -> bin.list(c, query, actor));
    }

    @Test
    void aDeletionIsListedWithItsRootsLabelItsCountsAndItsExpiry(TestDatabase db) throws SQLException {
        Deletion deletion = delete(db, "Customer", 1, ALICE);
        BinPage<BinEntry> page = list(db, BinQuery.all(), ALICE);
        assertEquals(1, page.entries().size());
        BinEntry entry = page.entries().get(0);
        assertEquals(deletion.id(), entry.id());
        assertEquals("Customer", entry.rootType());
        assertEquals("Northwind", entry.label());
        assertEquals(1, entry.roots());
        assertEquals("alice", entry.actorId());
        assertEquals("test", entry.reason());
        assertEquals(Map.of("Customer", 1L, "Contact", 2L, "Activity", 1L, "Contract", 1L), entry.counts());
        assertEquals(deletion.deletedAt(), entry.deletedAt());
        assertEquals(deletion.expiresAt(), entry.expiresAt());
        assertEquals(BinState.IN_BIN, entry.state());
        assertEquals(Optional.empty(), page.next());
    }

    @Test
    void whenTheDeletionAlsoTakesRecordsOfItsRootTypeItsRootsAreRecordedAndCountedApart(TestDatabase db) throws SQLException {
        // Contact 10 manages contact 11, and a manager's contacts go with it: the deletion of 10 takes
        // two contacts, of which only one was asked for.
        db.execute("update contact set manager_id = 10 where id = 11");
        LifecycleModel managed = withManagers();
        Deletion deletion;
        try (Connection c = db.dataSource().getConnection()) {
            Dialect dialect = Dialects.detect(c);
            RecycleBin bin = new RecycleBin(managed, dialect, CLOCK);
            deletion = bin.delete(db.dataSource(), new DeletePlanner(managed, dialect).plan(c, "Contact", List.of(10L), ALICE), ALICE, "test");
            assertEquals(Map.of("Contact", 2L), deletion.counts());
            assertEquals(List.of("record_id=10"), db.rows("select record_id from lc_deletion_root where deletion_id = '" + deletion.id() + "'"));
            c.setAutoCommit(false);
            BinEntry entry = bin.list(c, BinQuery.all(), ALICE).entries().get(0);
            c.rollback();
            assertEquals(1, entry.roots());
            assertEquals(Map.of("Contact", 2L), entry.counts());
        }
        Deletion customers = delete(db, "Customer", 1, ALICE);
        BinEntry plain = list(db, BinQuery.all().type("Customer"), ALICE).entries().get(0);
        assertEquals(customers.id(), plain.id());
        assertEquals(1, plain.roots(), "without root rows, the roots are the deletion's records of its root type");
    }

    @Test
    void pagesAreKeysetPagesThatStayPutWhileDeletionsAreMade(TestDatabase db) throws SQLException {
        customers(db, 100, 106);
        Instant start = Instant.parse("2026-11-20T09:00:00Z");
        List<Deletion> made = deleteCustomers(db, start, ALICE, 100, 101, 102, 103, 104, 105, 106);
        BinQuery query = BinQuery.all().pageSize(3);
        BinPage<BinEntry> first = list(db, query, ALICE);
        // Two deletions made while the user looks at page one: newer, so they do not shift page two.
        customers(db, 107, 108);
        deleteCustomers(db, start.plus(Duration.ofHours(1)), ALICE, 107, 108);
        BinPage<BinEntry> second = list(db, query.after(first.next().orElseThrow()), ALICE);
        BinPage<BinEntry> third = list(db, query.after(second.next().orElseThrow()), ALICE);
        List<String> seen = new ArrayList<>();
        for (BinPage<BinEntry> page : List.of(first, second, third)) {
            page.entries().forEach(e -> seen.add(e.label()));
        }
        assertEquals(List.of("Customer 106", "Customer 105", "Customer 104", "Customer 103", "Customer 102", "Customer 101",
                "Customer 100"), seen);
        assertEquals(Optional.empty(), third.next());
        assertEquals(made.get(0).id(), third.entries().get(0).id());
    }

    @Test
    void deletionsMadeAtTheSameInstantArePagedByIdWithoutRepeatsOrGaps(TestDatabase db) throws SQLException {
        customers(db, 100, 104);
        Set<UUID> made = new java.util.HashSet<>();
        for (long id = 100; id <= 104; id++) {
            made.add(delete(db, "Customer", id, ALICE).id());
        }
        List<UUID> seen = new ArrayList<>();
        BinQuery query = BinQuery.all().pageSize(2);
        BinPage<BinEntry> page = list(db, query, ALICE);
        seen.addAll(page.entries().stream().map(BinEntry::id).toList());
        while (page.next().isPresent()) {
            page = list(db, query.after(page.next().get()), ALICE);
            seen.addAll(page.entries().stream().map(BinEntry::id).toList());
        }
        assertEquals(5, seen.size());
        assertEquals(made, Set.copyOf(seen));
    }

    @Test
    void filtersByTypeActorDatesAndState(TestDatabase db) throws SQLException {
        customers(db, 100, 102);
        Instant start = Instant.parse("2026-11-20T09:00:00Z");
        Actor bob = Actor.of("bob", "t1", Set.of());
        List<Deletion> byAlice = deleteCustomers(db, start, ALICE, 100, 101);
        deleteCustomers(db, start.plus(Duration.ofMinutes(10)), bob, 102);
        Deletion contact = delete(db, "Contact", 10, ALICE);
        restore(db, byAlice.get(0), ALICE);

        assertEquals(List.of("Customer 102", "Customer 101"), labels(list(db, BinQuery.all().type("Customer"), ALICE)));
        assertEquals(List.of("Customer 102"), labels(list(db, BinQuery.all().deletedBy("bob"), ALICE)));
        assertEquals(List.of("Customer 101"), labels(list(db, BinQuery.all().type("Customer")
                .deletedBetween(start, start.plus(Duration.ofMinutes(5))), ALICE)));
        assertEquals(List.of("Customer 100"), labels(list(db, BinQuery.all().state(BinState.RESTORED), ALICE)));
        assertEquals(List.of(contact.id()), list(db, BinQuery.all().type("Contact"), ALICE).entries().stream().map(BinEntry::id).toList());
    }

    private static List<String> labels(BinPage<BinEntry> page) {
        return page.entries().stream().map(BinEntry::label).toList();
    }

    @Test
    void aTenantSeesOnlyItsOwnBinAndAnotherTenantsDeletionAnswersLikeAMissingOne(TestDatabase db) throws SQLException {
        Deletion deletion = delete(db, "Customer", 1, ALICE);
        assertEquals(List.of(), list(db, BinQuery.all(), GRETA).entries());
        assertEquals(List.of(deletion.id()), list(db, BinQuery.all(), RETENTION_JOB).entries().stream().map(BinEntry::id).toList());
        assertThrows(RecordNotFoundException.class,
                () -> inTransaction(db, (c, planner, bin) -> bin.members(c, deletion.id(), GRETA, "Contact", 10, null)));
    }

    @Test
    void aPurgeErasesTheLabelAndKeepsTheCounts(TestDatabase db) throws SQLException {
        customers(db, 100, 100);
        db.execute("insert into contact (id, customer_id) values (110, 100)");
        Deletion deletion = delete(db, "Customer", 100, ALICE);
        assertEquals(List.of("label=Customer 100"), db.rows("select label from lc_deletion"));
        purge(db, deletion, ALICE);
        BinEntry tombstone = list(db, BinQuery.all().state(BinState.PURGED), ALICE).entries().get(0);
        assertNull(tombstone.label());
        assertEquals(1L, tombstone.counts().get("Contact"));
        assertEquals(List.of("label=null"), db.rows("select label from lc_deletion"));
        assertEquals(List.of(), list(db, BinQuery.all(), ALICE).entries());
    }

    @Test
    void theRecordsOfOneDeletionArePagedByIdWithTheirLabels(TestDatabase db) throws SQLException {
        Deletion deletion = delete(db, "Customer", 1, ALICE);
        BinPage<BinMember> first = inTransaction(db, (c, planner, bin) -> bin.members(c, deletion.id(), ALICE, "Contact", 1, null));
        assertEquals(List.of(new BinMember("Contact", 10L, "Contact #10")), first.entries());
        BinPage<BinMember> second = inTransaction(db, (c, planner, bin) ->
                bin.members(c, deletion.id(), ALICE, "Contact", 1, first.next().orElseThrow()));
        assertEquals(List.of(new BinMember("Contact", 11L, "Contact #11")), second.entries());
        assertEquals(Optional.empty(), second.next());
        // Contact 12 was deleted earlier, by another deletion: not this one's.
        assertEquals(List.of(new BinMember("Activity", 20L, null)),
                inTransaction(db, (c, planner, bin) -> bin.members(c, deletion.id(), ALICE, "Activity", 10, null)).entries());
    }

    @Test
    void aPageCostsThreeStatementsWhateverTheBinHolds(TestDatabase db) throws SQLException {
        customers(db, 100, 130);
        deleteCustomers(db, Instant.parse("2026-11-20T09:00:00Z"), ALICE, java.util.stream.LongStream.rangeClosed(100, 130).toArray());
        db.statements().reset();
        BinPage<BinEntry> page = list(db, BinQuery.all().pageSize(25), ALICE);
        assertEquals(25, page.entries().size());
        assertEquals(3, db.statements().statements().stream().filter(s -> s.toLowerCase().startsWith("select")).count(),
                () -> db.statements().statements().toString());
    }

    @Test
    void theAuthorizerIsAskedBeforeTheBinIsShown(TestDatabase db) throws SQLException {
        delete(db, "Customer", 1, ALICE);
        List<String> asked = new ArrayList<>();
        dev.datalifecycle.api.spi.Authorizer salesOnly = (actor, operation, type) -> {
            asked.add(actor.userId() + " " + operation + " " + type);
            if (operation == dev.datalifecycle.api.Operation.LIST && !actor.roles().contains("support")) {
                throw new dev.datalifecycle.api.AccessDeniedException(actor, operation, type);
            }
        };
        DataLifecycle lifecycle = LifecycleJdbc.builder(db.dataSource(), MODEL).clock(CLOCK).authorizer(salesOnly).build();
        db.statements().reset();
        assertThrows(dev.datalifecycle.api.AccessDeniedException.class, () -> lifecycle.list(BinQuery.all(), ALICE));
        assertEquals(List.of(), db.statements().statements(), "refused before the bin is read");
        Actor support = Actor.of("sam", "t1", Set.of("support"));
        assertEquals(1, lifecycle.list(BinQuery.all(), support).entries().size());
        assertEquals(List.of("alice LIST null", "sam LIST null"), asked);
    }

    @Test
    void aCursorThatNoPageGaveIsRefused(TestDatabase db) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> list(db, BinQuery.all().after("page-2"), ALICE));
        assertTrue(e.getMessage().contains("is not a bin cursor"), e::getMessage);
    }
}
