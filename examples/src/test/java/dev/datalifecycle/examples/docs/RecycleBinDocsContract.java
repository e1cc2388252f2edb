package dev.datalifecycle.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.datalifecycle.api.AccessDeniedException;
import dev.datalifecycle.api.Actor;
import dev.datalifecycle.api.Batch;
import dev.datalifecycle.api.BatchOutcome;
import dev.datalifecycle.api.BatchReport;
import dev.datalifecycle.api.BinEntry;
import dev.datalifecycle.api.BinMember;
import dev.datalifecycle.api.BinPage;
import dev.datalifecycle.api.BinPurge;
import dev.datalifecycle.api.BinQuery;
import dev.datalifecycle.api.Criteria;
import dev.datalifecycle.api.DataLifecycle;
import dev.datalifecycle.api.DeletePlan;
import dev.datalifecycle.api.DeleteRule;
import dev.datalifecycle.api.Deletion;
import dev.datalifecycle.api.JdbcTransaction;
import dev.datalifecycle.api.MemberQuery;
import dev.datalifecycle.api.Operation;
import dev.datalifecycle.api.OutsideReferences;
import dev.datalifecycle.api.PurgeBlockedException;
import dev.datalifecycle.api.PurgeOptions;
import dev.datalifecycle.api.PurgeReport;
import dev.datalifecycle.api.RestoreDependsOnDeletionException;
import dev.datalifecycle.api.RestoreOptions;
import dev.datalifecycle.api.RestoreReport;
import dev.datalifecycle.api.RuleSpec;
import dev.datalifecycle.api.spi.Authorizer;
import dev.datalifecycle.core.LifecycleJdbc;
import dev.datalifecycle.core.bin.LifecycleSchema;
import dev.datalifecycle.core.model.IdType;
import dev.datalifecycle.core.model.LifecycleModel;
import dev.datalifecycle.core.sql.Dialects;
import dev.datalifecycle.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The snippets of docs/recycle-bin.md that call the entry point, as the page shows them, on a host's
 * plain-DDL tables and a JDBC-built {@link DataLifecycle} (a Hibernate-built one has the same
 * contract). Keep each snippet here and on the page in step.
 */
abstract class RecycleBinDocsContract {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);
    private static final Actor alice = Actor.of("alice", Set.of("sales"));
    private static final Actor ada = Actor.of("ada", Set.of("admin"));

    private static final LifecycleModel model = LifecycleModel.builder()
            // doc:start
            .type("Customer", t -> t.table("customer").id("id", IdType.LONG).notNull("name")
                    .markers("deletion_id", "deleted_at").label("name"))                          // a column
            .type("Contact", t -> t.table("contact").id("id", IdType.LONG).notNull("customer_id").nullable("first_name", "last_name")
                    .markers("deletion_id", "deleted_at").labelExpression("CONCAT(first_name, ' ', last_name)"))
            // doc:end
            .type("Contract", t -> t.table("contract").id("id", IdType.LONG).notNull("customer_id").nullable("status")
                    .markers("deletion_id", "deleted_at"))
            .type("Note", t -> t.table("note").id("id", IdType.LONG).nullable("customer_id", "body"))
            .type("Lead", t -> t.table("lead_record").id("id", IdType.LONG).nullable("status")
                    .markers("deletion_id", "removed_on").deletedFlag("is_deleted"))
            .reference("Contact", "customer_id", "Customer", RuleSpec.of(DeleteRule.CASCADE))
            .reference("Contract", "customer_id", "Customer", RuleSpec.when(Criteria.eq("status", "CLOSED"), DeleteRule.CASCADE))
            .reference("Note", "customer_id", "Customer", RuleSpec.of(DeleteRule.IGNORE))
            .build();

    private DataSource dataSource;
    private DataLifecycle lifecycle;

    @BeforeAll
    static void createSchema(TestDatabase db) throws SQLException {
        db.execute("create table customer (id bigint primary key, name varchar(40) not null, deletion_id varchar(36), deleted_at timestamp)",
                "create table contact (id bigint primary key, customer_id bigint not null references customer (id),"
                        + " first_name varchar(40), last_name varchar(40), deletion_id varchar(36), deleted_at timestamp)",
                "create table contract (id bigint primary key, customer_id bigint not null references customer (id),"
                        + " status varchar(10), deletion_id varchar(36), deleted_at timestamp)",
                "create table note (id bigint primary key, customer_id bigint references customer (id), body varchar(40))",
                "create table lead_record (id bigint primary key, status varchar(10), removed_on timestamp,"
                        + " is_deleted boolean default false not null, deletion_id varchar(36))");
        try (Connection connection = db.dataSource().getConnection()) {
            LifecycleSchema.install(connection, Dialects.detect(connection));
        }
    }

    @BeforeEach
    void insertData(TestDatabase db) {
        db.execute("delete from lc_detached_link", "delete from lc_deletion_count", "delete from lc_deletion_root", "delete from lc_deletion",
                "delete from note", "delete from contract", "delete from contact", "delete from customer", "delete from lead_record",
                "insert into customer (id, name) values (1, 'Northwind')",
                "insert into customer (id, name) values (2, 'Contoso')",
                "insert into customer (id, name) values (100, 'Initech')",
                "insert into contact (id, customer_id, first_name, last_name) values (10, 1, 'Nancy', 'Davolio')",
                "insert into contact (id, customer_id, first_name, last_name) values (11, 1, 'Andrew', 'Fuller')",
                "insert into contact (id, customer_id, first_name, last_name) values (20, 2, 'Kim', 'Abercrombie')",
                "insert into contract (id, customer_id, status) values (50, 1, 'CLOSED')",
                "insert into contract (id, customer_id, status) values (53, 2, 'OPEN')",
                "insert into note (id, customer_id, body) values (70, 1, 'met at the fair')",
                "insert into lead_record (id, status) values (1, 'NEW')",
                "insert into lead_record (id, status) values (2, 'SPAM')",
                "insert into lead_record (id, status) values (3, 'SPAM')",
                "insert into lead_record (id, status, removed_on, is_deleted) values (7, 'OLD', timestamp '2026-01-02 03:04:05', true)");
        dataSource = db.dataSource();
        lifecycle = LifecycleJdbc.builder(dataSource, model).clock(CLOCK).build();
    }

    @Test
    void deleteAndRestore(TestDatabase db) {
        // doc:start
        DataLifecycle lifecycle = LifecycleJdbc.builder(dataSource, model).build();

        DeletePlan plan = lifecycle.plan("Customer", 1L, alice);          // shown: "are you sure?"
        Deletion deletion = lifecycle.delete(plan, alice, "duplicate");    // "yes"
        // doc:end
        assertEquals(Map.of("Customer", 1L, "Contact", 2L, "Contract", 1L), deletion.counts());
        assertEquals(List.of("id=100", "id=2"), db.rows("select id from customer where deletion_id is null"));

        // doc:start
        RestoreReport restored = lifecycle.restore(deletion.id(), alice);
        restored.records();   // {Customer=1, Contact=2, Contract=1}
        // doc:end
        assertEquals(List.of(deletion.id()), restored.deletions());
        assertEquals(Map.of("Customer", 1L, "Contact", 2L, "Contract", 1L), restored.records());
        assertEquals(List.of("n=0"), db.rows("select count(*) as n from contact where deletion_id is not null"));

    }

    @Test
    void permanentDelete(TestDatabase db) {
        Deletion deletion = lifecycle.delete(lifecycle.plan("Customer", 1L, alice), alice, "duplicate");
        // Note 70 references the customer under an IGNORE rule: it refuses the purge.
        PurgeBlockedException blocked = assertThrows(PurgeBlockedException.class, () -> {
            // doc:start
            PurgeReport purged = lifecycle.purge(deletion.id(), alice);
            // doc:end
        });
        assertTrue(blocked.getMessage().contains("Note 70"), blocked::getMessage);
        // doc:start
        PurgeReport purged = lifecycle.purge(deletion.id(), alice, PurgeOptions.defaults().outsideReferences(OutsideReferences.CLEAR));
        // doc:end
        assertEquals(List.of(deletion.id()), purged.deletions());
        assertEquals(Map.of("Customer", 1L, "Contact", 2L, "Contract", 1L), purged.records());
        assertEquals(List.of("id=70, customer_id=null"), db.rows("select id, customer_id from note"));
        assertEquals(List.of("state=PURGED, label=null"), db.rows("select state, label from lc_deletion where id = '" + deletion.id() + "'"));
    }

    @Test
    void aRestoreThatNeedsAnotherDeletionNamesItOrRestoresItFirst() {
        Deletion deletion = lifecycle.delete(lifecycle.plan("Contact", 10L, alice), alice, "left");
        Deletion customer = lifecycle.delete(lifecycle.plan("Customer", 1L, alice), alice, "duplicate");
        RestoreDependsOnDeletionException needs = assertThrows(RestoreDependsOnDeletionException.class,
                () -> lifecycle.restore(deletion.id(), alice));
        assertTrue(needs.getMessage().contains(customer.id().toString()), needs::getMessage);

        // doc:start
        RestoreReport restored = lifecycle.restore(deletion.id(), alice, RestoreOptions.defaults().alsoWhatItNeeds());
        restored.deletions();   // the deletion holding the contact's customer, then the contact's
        // doc:end
        assertEquals(List.of(customer.id(), deletion.id()), restored.deletions());
        assertEquals(Map.of("Customer", 1L, "Contact", 2L, "Contract", 1L), restored.records());
    }

    @Test
    void batchDelete(TestDatabase db) {
        List<Long> ids = List.of(2L, 100L);
        // doc:start
        BatchReport report = lifecycle.deleteBatch(Batch.of("Customer", List.of(1L, 2L, 100L, 999L)).inChunksOf(500), alice, "cleanup");
        report.outcomes();   // [1 DELETED (deletion ...), 2 BLOCKED ["1 Contract via Contract.customer_id, e.g. [53]"],
                             //  100 DELETED, 999 NOT_FOUND]
        lifecycle.deleteBatch(Batch.matching("Lead", Criteria.eq("status", "SPAM")), alice, "spam");
        lifecycle.deleteBatch(Batch.of("Customer", ids).allOrNothing(), alice, "GDPR request");
        // doc:end
        assertEquals(List.of(BatchOutcome.Result.DELETED, BatchOutcome.Result.BLOCKED, BatchOutcome.Result.DELETED,
                BatchOutcome.Result.NOT_FOUND), report.outcomes().stream().map(BatchOutcome::result).toList());
        assertEquals(List.of("1 Contract via Contract.customer_id, e.g. [53]"), report.outcomes().get(1).reasons());
        assertEquals(List.of("id=2", "id=3"), db.rows("select id from lead_record where deletion_id is not null"));
        assertEquals(List.of("n=3"), db.rows("select count(*) as n from lc_deletion"), "nothing deleted by the all-or-nothing batch");

        lifecycle.restore(report.outcomes().get(0).deletion(), alice);
        ids = List.of(1L, 100L);
        // doc:start
        lifecycle.deleteBatch(Batch.of("Customer", ids).deletionPerRecord(), alice, "cleanup");
        // doc:end
        assertEquals(List.of("n=2"), db.rows("select count(*) as n from lc_deletion where state = 'IN_BIN' and reason = 'cleanup'"));
    }

    @Test
    void listingTheBin() {
        Deletion northwind = lifecycle.delete(lifecycle.plan("Customer", 1L, alice), alice, "duplicate");
        DataLifecycle aMinuteLater = LifecycleJdbc.builder(dataSource, model).clock(Clock.offset(CLOCK, Duration.ofMinutes(1))).build();
        Deletion initech = aMinuteLater.delete(aMinuteLater.plan("Customer", 100L, alice), alice, "closed down");
        UUID deletionId = northwind.id();

        // doc:start
        BinPage<BinEntry> page = lifecycle.list(BinQuery.all().type("Customer").pageSize(20), alice);
        for (BinEntry e : page.entries()) {
            // e.label() "Northwind", e.counts() {Customer=1, Contact=2, Contract=1}, e.deletedAt(), e.expiresAt(), e.actorId()
        }
        // doc:end
        List<BinEntry> listed = page.entries();
        assertEquals(List.of(initech.id(), northwind.id()), listed.stream().map(BinEntry::id).toList());
        assertEquals(List.of("Initech", "Northwind"), listed.stream().map(BinEntry::label).toList());
        assertEquals(Map.of("Customer", 1L, "Contact", 2L, "Contract", 1L), listed.get(1).counts());
        page = lifecycle.list(BinQuery.all().type("Customer").pageSize(1), alice);

        // doc:start
        BinPage<BinEntry> more = lifecycle.list(BinQuery.all().type("Customer").pageSize(20)
                .after(page.next().orElseThrow()), alice);
        BinPage<BinMember> contacts = lifecycle.members(deletionId, alice, MemberQuery.of("Contact").pageSize(50));  // its records, by id
        // doc:end
        assertEquals(List.of("Northwind"), more.entries().stream().map(BinEntry::label).toList());
        assertEquals(Optional.empty(), more.next());
        assertEquals(List.of(new BinMember("Contact", 10L, "Nancy Davolio"), new BinMember("Contact", 11L, "Andrew Fuller")),
                contacts.entries());
    }

    @Test
    void purgingTheBin(TestDatabase db) {
        Deletion expiring = lifecycle.delete(lifecycle.plan("Customer", 100L, alice), alice, "closed down");
        List<BinPurge.Progress> seen = new ArrayList<>();
        // The same entry point 31 days later, when the deletion's 30 days in the bin have run out.
        DataLifecycle lifecycle = LifecycleJdbc.builder(dataSource, model).clock(Clock.offset(CLOCK, Duration.ofDays(31))).build();
        Deletion recent = lifecycle.delete(lifecycle.plan("Contact", 20L, alice), alice, "left");

        // doc:start
        Actor system = Actor.of("retention-job", Set.of());   // no tenant: every tenant's bin
        PurgeReport report = lifecycle.purgeBin(BinPurge.expired().inChunksOf(200)
                .onProgress(p -> System.out.printf("%d of %d purged%n", p.purged(), p.total())), system);
        // doc:end
        assertEquals(List.of(expiring.id()), report.deletions());
        assertEquals(Map.of("Customer", 1L), report.records());
        assertEquals(List.of(), report.blocked());
        PurgeReport emptied = lifecycle.purgeBin(BinPurge.everything().onProgress(seen::add), system);
        assertEquals(List.of(recent.id()), emptied.deletions());
        assertEquals(List.of(new BinPurge.Progress(1, 0, 1)), seen);
        assertEquals(List.of("id=10", "id=11"), db.rows("select id from contact"));
    }

    @Test
    void adoptingWhatTheHostDeletedBefore(TestDatabase db) {
        // doc:start
        Optional<Deletion> adopted = lifecycle.adopt("Lead", ada, "adopted at migration");
        // doc:end
        assertEquals(Map.of("Lead", 1L), adopted.orElseThrow().counts());
        assertEquals(List.of("id=7"), db.rows("select id from lead_record where deletion_id = '" + adopted.orElseThrow().id() + "'"));
        assertEquals(Optional.empty(), lifecycle.adopt("Lead", ada, "adopted at migration"), "nothing left to adopt");
    }

    @Test
    void inItsOwnTransactionOrTheHosts(TestDatabase db) throws SQLException {
        // doc:start
        Deletion deletion = lifecycle.delete(lifecycle.plan("Customer", 100L, alice), alice, "own transaction");   // committed
        lifecycle.restore(deletion.id(), alice);                                                                   // committed
        // doc:end
        assertEquals(List.of("state=RESTORED"), db.rows("select state from lc_deletion"));

        try (Connection connection = dataSource.getConnection()) {
            // doc:start
            connection.setAutoCommit(false);
            JdbcTransaction transaction = JdbcTransaction.of(connection);
            try (Statement sql = connection.createStatement()) {
                sql.executeUpdate("insert into contact (id, customer_id, first_name) values (12, 1, 'Bob')");  // your own work
            }
            DataLifecycle joined = lifecycle.with(transaction);
            DeletePlan plan = joined.plan("Customer", 1L, alice);   // sees Bob, not committed yet
            joined.delete(plan, alice, "duplicate");                 // on your connection, in your transaction
            connection.rollback();                                   // undoes the delete with your insert
            transaction.rolledBack();                                // or connection.commit(), then transaction.committed()
            // doc:end
            assertEquals(3L, plan.deletedCount("Contact"));
        }
        assertEquals(List.of("state=RESTORED"), db.rows("select state from lc_deletion"));
        assertEquals(List.of("id=10", "id=11", "id=20"), db.rows("select id from contact"));
    }

    @Test
    void permissions(TestDatabase db) {
        // doc:start
        Authorizer onlyAdminsPurge = (actor, operation, entityType) -> {
            if (operation == Operation.PURGE && !actor.roles().contains("admin")) {
                throw new AccessDeniedException(actor, operation, entityType);
            }
        };
        DataLifecycle lifecycle = LifecycleJdbc.builder(dataSource, model).authorizer(onlyAdminsPurge).build();
        // doc:end
        Deletion deletion = lifecycle.delete(lifecycle.plan("Customer", 100L, alice), alice, "closed down");
        AccessDeniedException refused = assertThrows(AccessDeniedException.class, () -> lifecycle.purge(deletion.id(), alice));
        assertEquals("Actor 'alice' may not purge Customer: ask for the permission, or have someone who has it do it", refused.getMessage());
        assertEquals(List.of("state=IN_BIN"), db.rows("select state from lc_deletion"));
        assertEquals(Map.of("Customer", 1L), lifecycle.purge(deletion.id(), ada).records());
    }
}
