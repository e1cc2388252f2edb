package dev.datalifecycle.benchmarks;

import dev.datalifecycle.benchmarks.ReadPathEntities.GuardedChild;
import dev.datalifecycle.benchmarks.ReadPathEntities.GuardedParent;
import dev.datalifecycle.benchmarks.ReadPathEntities.PlainChild;
import dev.datalifecycle.benchmarks.ReadPathEntities.PlainParent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the insert guard costs: a batch of child inserts through Hibernate under a soft-deletable
 * parent (guarded: one locking read of the parents after the flush) against the same inserts under a
 * parent the library does not manage. Alone, or with two threads inserting siblings under one parent
 * at the same time, each in its own transaction.
 */
final class InsertGuardBenchmark implements Benchmark {

    private static final int PARENTS = 10;
    private final boolean twoThreads;
    private EntityManagerFactory jpa;

    InsertGuardBenchmark(boolean twoThreads) {
        this.twoThreads = twoThreads;
    }

    @Override
    public String name() {
        return twoThreads ? "insert-guard-2-threads" : "insert-guard";
    }

    @Override
    public String describe(int scale) {
        return twoThreads
                ? "two threads, each inserting " + children(scale) / 2 + " children under the same parent in its own transaction"
                : "insert " + children(scale) + " children under " + PARENTS + " parents through Hibernate, one transaction";
    }

    private static int children(int scale) {
        return Math.max(2, Math.min(1000, scale));
    }

    @Override
    public void setUp(BenchmarkContext context) throws Exception {
        jpa = ReadPathBenchmark.ReadPathFixture.ensure(context);
        try (Connection c = context.dataSource().getConnection(); Statement s = c.createStatement()) {
            if (!s.executeQuery("select id from ig_parent").next()) {
                for (int id = 1; id <= PARENTS; id++) {
                    s.execute("insert into ig_parent (id) values (" + id + ")");
                    s.execute("insert into ig_plain_parent (id) values (" + id + ")");
                }
            }
        }
    }

    @Override
    public List<Contender> contenders() {
        return List.of(
                new Contender("data-lifecycle", List.of("no-guard"), c -> empty(c, "ig_child"), c -> insert(c, true)),
                new Contender("no-guard", List.of(), c -> empty(c, "ig_plain_child"), c -> insert(c, false)));
    }

    private static void empty(BenchmarkContext context, String table) throws Exception {
        try (Connection c = context.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("delete from " + table);
        }
    }

    private void insert(BenchmarkContext context, boolean guarded) throws Exception {
        int n = children(context.scale());
        if (!twoThreads) {
            jpa.runInTransaction(em -> insert(em, guarded, 0, n, PARENTS));
            return;
        }
        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> jpa.runInTransaction(em -> insert(em, guarded, n / 2, n, 1)));
        jpa.runInTransaction(em -> insert(em, guarded, 0, n / 2, 1));
        other.get();
    }

    private static void insert(EntityManager em, boolean guarded, int from, int to, int parents) {
        for (int i = from; i < to; i++) {
            long parent = 1 + i % parents;
            if (guarded) {
                em.persist(new GuardedChild((long) i + 1, "child " + i, em.getReference(GuardedParent.class, parent)));
            } else {
                em.persist(new PlainChild((long) i + 1, "child " + i, em.getReference(PlainParent.class, parent)));
            }
        }
    }
}
