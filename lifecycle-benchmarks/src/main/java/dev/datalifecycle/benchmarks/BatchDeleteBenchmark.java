package dev.datalifecycle.benchmarks;

import dev.datalifecycle.api.Actor;
import dev.datalifecycle.api.Batch;
import dev.datalifecycle.api.BatchOutcome;
import dev.datalifecycle.api.BatchReport;
import dev.datalifecycle.api.DeleteRule;
import dev.datalifecycle.core.bin.LifecycleSchema;
import dev.datalifecycle.core.model.IdType;
import dev.datalifecycle.core.model.LifecycleModel;
import dev.datalifecycle.api.RuleSpec;
import dev.datalifecycle.core.sql.Dialects;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.SoftDelete;
import org.hibernate.annotations.SoftDeleteType;

/**
 * Batch delete of {@code scale} customers with two contacts each, in chunks of 500, each chunk one
 * transaction: the library's batch (outcomes per record included) against hand-written set-based
 * JDBC (per chunk one UPDATE per table and the deletion's row) and plain JPA (Hibernate's
 * {@code @SoftDelete} with {@code CascadeType.REMOVE}, {@code em.remove} per customer).
 */
final class BatchDeleteBenchmark implements Benchmark {

    private static final int CHUNK = 500;
    private static final Actor ACTOR = Actor.of("bench", Set.of());
    static final LifecycleModel MODEL = LifecycleModel.builder()
            .type("Customer", t -> t.table("bd_customer").id("id", IdType.LONG).notNull("name").markers("deletion_id", "deleted_at")
                    .label("name"))
            .type("Contact", t -> t.table("bd_contact").id("id", IdType.LONG).notNull("customer_id").markers("deletion_id", "deleted_at"))
            .reference("Contact", "customer_id", "Customer", RuleSpec.of(DeleteRule.CASCADE))
            .build();

    private EntityManagerFactory jpa;

    @Override
    public String name() {
        return "batch-delete";
    }

    @Override
    public String describe(int scale) {
        return "delete " + scale + " customers with 2 contacts each, chunks of " + CHUNK + ", one transaction a chunk";
    }

    @Override
    public void setUp(BenchmarkContext context) throws Exception {
        try (Connection c = context.dataSource().getConnection(); Statement s = c.createStatement()) {
            LifecycleSchema.install(c, Dialects.detect(c));
            s.execute("create table bd_customer (id bigint primary key, name varchar(40) not null, deletion_id varchar(36), deleted_at timestamp)");
            s.execute("create table bd_contact (id bigint primary key, customer_id bigint not null references bd_customer(id),"
                    + " deletion_id varchar(36), deleted_at timestamp)");
            s.execute("create index ix_bd_contact_customer on bd_contact (customer_id)");
            c.setAutoCommit(false);
            try (PreparedStatement customer = c.prepareStatement("insert into bd_customer (id, name) values (?, ?)");
                    PreparedStatement contact = c.prepareStatement("insert into bd_contact (id, customer_id) values (?, ?)")) {
                for (long id = 1; id <= context.scale(); id++) {
                    customer.setLong(1, id);
                    customer.setString(2, "Customer " + id);
                    customer.addBatch();
                    for (int k = 0; k < 2; k++) {
                        contact.setLong(1, id * 2 + k);
                        contact.setLong(2, id);
                        contact.addBatch();
                    }
                    if (id % CHUNK == 0) {
                        customer.executeBatch();
                        contact.executeBatch();
                    }
                }
                customer.executeBatch();
                contact.executeBatch();
            }
            c.commit();
            c.setAutoCommit(true);
            if (context.database().dbms() == dev.datalifecycle.testkit.Dbms.POSTGRESQL) {
                s.execute("analyze");
            }
        }
        jpa = SoftDeleteEntities.boot(context, "batch-delete-baseline", JpaBatchCustomer.class, JpaBatchContact.class);
    }

    @Override
    public void tearDown() {
        if (jpa != null) {
            jpa.close();
        }
    }

    @Override
    public List<Contender> contenders() {
        return List.of(
                new Contender("data-lifecycle", List.of("hand-jdbc", "plain-jpa"), BatchDeleteBenchmark::reset, this::library),
                new Contender("hand-jdbc", List.of(), BatchDeleteBenchmark::reset, BatchDeleteBenchmark::byHand),
                new Contender("plain-jpa", List.of(), BatchDeleteBenchmark::reset, this::withJpa));
    }

    private static void reset(BenchmarkContext context) throws Exception {
        try (Connection c = context.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String table : new String[] {"bd_customer", "bd_contact"}) {
                s.executeUpdate("update " + table + " set deletion_id = null, deleted_at = null where deletion_id is not null or deleted_at is not null");
            }
            for (String table : new String[] {"lc_detached_link", "lc_deletion_count", "lc_deletion_root", "lc_deletion"}) {
                s.executeUpdate("delete from " + table);
            }
        }
    }

    private static List<Object> ids(int scale) {
        List<Object> ids = new ArrayList<>(scale);
        for (long id = 1; id <= scale; id++) {
            ids.add(id);
        }
        return ids;
    }

    private void library(BenchmarkContext context) throws Exception {
        BatchReport report = BinFixture.entryPoint(context, MODEL).deleteBatch(Batch.of("Customer", ids(context.scale())).inChunksOf(CHUNK),
                ACTOR, "benchmark");
        if (report.count(BatchOutcome.Result.DELETED) != context.scale()) {
            throw new IllegalStateException("the batch deleted " + report.count(BatchOutcome.Result.DELETED) + " of " + context.scale());
        }
    }

    /** Per chunk: the deletion's row and one UPDATE per table naming the chunk's ids, committed. */
    private static void byHand(BenchmarkContext context) throws Exception {
        try (Connection c = context.dataSource().getConnection()) {
            c.setAutoCommit(false);
            for (int from = 1; from <= context.scale(); from += CHUNK) {
                int to = Math.min(context.scale(), from + CHUNK - 1);
                String deletion = UUID.randomUUID().toString();
                try (PreparedStatement p = c.prepareStatement("insert into lc_deletion (id, actor_id, reason, root_type, state, deleted_at,"
                        + " expires_at) values (?, 'bench', 'benchmark', 'Customer', 'IN_BIN', current_timestamp, current_timestamp)")) {
                    p.setString(1, deletion);
                    p.executeUpdate();
                }
                // The ids as a host has them: a list, not a range.
                String in = String.join(", ", java.util.Collections.nCopies(to - from + 1, "?"));
                for (String sql : new String[] {
                    "update bd_customer set deletion_id = ?, deleted_at = current_timestamp where id in (" + in + ") and deletion_id is null",
                    "update bd_contact set deletion_id = ?, deleted_at = current_timestamp where customer_id in (" + in + ") and deletion_id is null"}) {
                    try (PreparedStatement p = c.prepareStatement(sql)) {
                        p.setString(1, deletion);
                        for (int id = from; id <= to; id++) {
                            p.setLong(2 + id - from, id);
                        }
                        p.executeUpdate();
                    }
                }
                c.commit();
            }
        }
    }

    private void withJpa(BenchmarkContext context) {
        for (int from = 1; from <= context.scale(); from += CHUNK) {
            int first = from;
            int last = Math.min(context.scale(), from + CHUNK - 1);
            jpa.runInTransaction(em -> em.createQuery("select c from JpaBatchCustomer c where c.id between :a and :b", JpaBatchCustomer.class)
                    .setParameter("a", (long) first).setParameter("b", (long) last).getResultList().forEach(em::remove));
        }
    }

    @Entity(name = "JpaBatchCustomer")
    @Table(name = "bd_customer")
    @SoftDelete(strategy = SoftDeleteType.TIMESTAMP, columnName = "deleted_at")
    static class JpaBatchCustomer {
        @Id
        Long id;
        String name;
        @OneToMany(mappedBy = "customer", cascade = CascadeType.REMOVE)
        List<JpaBatchContact> contacts = new ArrayList<>();
    }

    @Entity(name = "JpaBatchContact")
    @Table(name = "bd_contact")
    @SoftDelete(strategy = SoftDeleteType.TIMESTAMP, columnName = "deleted_at")
    static class JpaBatchContact {
        @Id
        Long id;
        @ManyToOne
        @JoinColumn(name = "customer_id")
        JpaBatchCustomer customer;
    }
}
