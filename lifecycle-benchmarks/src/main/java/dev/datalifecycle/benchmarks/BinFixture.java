package dev.datalifecycle.benchmarks;

import dev.datalifecycle.api.Actor;
import dev.datalifecycle.api.DeletePlan;
import dev.datalifecycle.api.DeleteRule;
import dev.datalifecycle.api.Deletion;
import dev.datalifecycle.core.bin.RecycleBin;
import dev.datalifecycle.core.bin.LifecycleSchema;
import dev.datalifecycle.core.model.IdType;
import dev.datalifecycle.core.model.LifecycleModel;
import dev.datalifecycle.api.RuleSpec;
import dev.datalifecycle.core.plan.DeletePlanner;
import dev.datalifecycle.core.sql.Dialect;
import dev.datalifecycle.core.sql.Dialects;
import dev.datalifecycle.testkit.Dbms;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * One customer with {@code scale} dependents (half contacts, half activities, each activity naming a
 * contact), plus a second customer of the same size that must stay untouched; the library's tables
 * installed. Shared by the recycle-bin benchmarks.
 */
final class BinFixture {

    static final Actor ACTOR = Actor.of("bench", Set.of());
    static final String MARKERS = ", deletion_id varchar(36), deleted_at timestamp)";
    static final LifecycleModel MODEL = LifecycleModel.builder()
            .type("Customer", t -> t.table("bin_customer").id("id", IdType.LONG).markers("deletion_id", "deleted_at"))
            .type("Contact", t -> t.table("bin_contact").id("id", IdType.LONG).notNull("customer_id").markers("deletion_id", "deleted_at"))
            .type("Activity", t -> t.table("bin_activity").id("id", IdType.LONG).notNull("customer_id").nullable("contact_id")
                    .markers("deletion_id", "deleted_at"))
            .reference("Contact", "customer_id", "Customer", RuleSpec.of(DeleteRule.CASCADE))
            .reference("Activity", "customer_id", "Customer", RuleSpec.of(DeleteRule.CASCADE))
            .reference("Activity", "contact_id", "Contact", RuleSpec.of(DeleteRule.CASCADE))
            .build();

    private BinFixture() {
    }

    /** Creates and fills the tables once per run (the first benchmark to need them does it). */
    static synchronized void ensure(BenchmarkContext context) throws SQLException {
        try (Connection c = context.dataSource().getConnection(); Statement s = c.createStatement()) {
            if (LifecycleSchema.installed(c)) {
                return;
            }
            LifecycleSchema.install(c, Dialects.detect(c));
            s.execute("create table bin_customer (id bigint primary key" + MARKERS);
            s.execute("create table bin_contact (id bigint primary key, customer_id bigint not null references bin_customer(id)" + MARKERS);
            s.execute("create table bin_activity (id bigint primary key, customer_id bigint not null references bin_customer(id),"
                    + " contact_id bigint references bin_contact(id)" + MARKERS);
            s.execute("create index ix_bin_contact_customer on bin_contact (customer_id)");
            s.execute("create index ix_bin_activity_customer on bin_activity (customer_id)");
            s.execute("create index ix_bin_activity_contact on bin_activity (contact_id)");
            s.execute("insert into bin_customer (id) values (1)");
            s.execute("insert into bin_customer (id) values (2)");
            c.setAutoCommit(false);
            for (int customer = 1; customer <= 2; customer++) {
                insertDependents(c, context.scale(), customer);
            }
            c.commit();
            c.setAutoCommit(true);
            if (context.database().dbms() == Dbms.POSTGRESQL) {
                s.execute("analyze");
            }
        }
    }

    /** The dependents of {@code customer}: half contacts, half activities naming them. */
    static void insertDependents(Connection c, int scale, int customer) throws SQLException {
        int half = Math.max(1, scale / 2);
        long base = (customer - 1L) * half;
        try (PreparedStatement p = c.prepareStatement("insert into bin_contact (id, customer_id) values (?, ?)")) {
            for (int i = 0; i < half; i++) {
                p.setLong(1, base + i);
                p.setLong(2, customer);
                p.addBatch();
            }
            p.executeBatch();
        }
        try (PreparedStatement p = c.prepareStatement("insert into bin_activity (id, customer_id, contact_id) values (?, ?, ?)")) {
            for (int i = 0; i < half; i++) {
                p.setLong(1, base + i);
                p.setLong(2, customer);
                p.setLong(3, base + i);
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /** Everything live again, and the library's tables empty. */
    static void reset(BenchmarkContext context) throws SQLException {
        try (Connection c = context.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String table : new String[] {"bin_customer", "bin_contact", "bin_activity"}) {
                // Hibernate's @SoftDelete baseline sets only deleted_at.
                s.executeUpdate("update " + table + " set deletion_id = null, deleted_at = null"
                        + " where deletion_id is not null or deleted_at is not null");
            }
            for (String table : new String[] {"lc_detached_link", "lc_deletion_count", "lc_deletion_root", "lc_deletion"}) {
                s.executeUpdate("delete from " + table);
            }
        }
    }

    /** The hand-written soft delete: one UPDATE per table, in one transaction. */
    static void handDelete(BenchmarkContext context, String deletionId) throws SQLException {
        byHand(context, deletionId,
                "update bin_customer set deletion_id = ?, deleted_at = current_timestamp where id = 1 and deletion_id is null",
                "update bin_contact set deletion_id = ?, deleted_at = current_timestamp where customer_id = 1 and deletion_id is null",
                "update bin_activity set deletion_id = ?, deleted_at = current_timestamp where customer_id = 1 and deletion_id is null");
    }

    /** Hand-written statements, each taking the deletion id as its one parameter, in one transaction. */
    static void byHand(BenchmarkContext context, String deletionId, String... statements) throws SQLException {
        try (Connection c = context.dataSource().getConnection()) {
            c.setAutoCommit(false);
            for (String each : statements) {
                try (PreparedStatement p = c.prepareStatement(each)) {
                    p.setString(1, deletionId);
                    p.executeUpdate();
                }
            }
            c.commit();
        }
    }

    /** One entry point per data source and model, built once as a host builds it (untimed). */
    private static final java.util.Map<java.util.List<Object>, dev.datalifecycle.api.DataLifecycle> ENTRY_POINTS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** The entry point a JDBC host would build over the benchmark's data source and {@code model}. */
    static dev.datalifecycle.api.DataLifecycle entryPoint(BenchmarkContext context, dev.datalifecycle.core.model.LifecycleModel model) {
        return ENTRY_POINTS.computeIfAbsent(java.util.List.of(context.dataSource(), model),
                key -> dev.datalifecycle.core.LifecycleJdbc.builder(context.dataSource(), model).build());
    }

    /** Customer 1 deleted by the library, as a host does it: planned, then deleted, in one transaction. */
    static Deletion libraryDelete(BenchmarkContext context) throws SQLException {
        try (Connection c = context.dataSource().getConnection()) {
            c.setAutoCommit(false);
            Dialect dialect = Dialects.detect(c);
            DeletePlan plan = new DeletePlanner(MODEL, dialect).plan(c, "Customer", List.of(1L), ACTOR);
            Deletion deletion = new RecycleBin(MODEL, dialect, Clock.systemUTC()).delete(c, plan, ACTOR, "benchmark");
            c.commit();
            return deletion;
        }
    }
}
