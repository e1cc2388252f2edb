package dev.datalifecycle.benchmarks;

import dev.datalifecycle.api.DeletePlan;
import dev.datalifecycle.core.bin.RecycleBin;
import dev.datalifecycle.core.plan.DeletePlanner;
import dev.datalifecycle.core.sql.Dialects;
import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Soft delete of one customer with {@code scale} dependents, as a host calls it: from a plan computed
 * beforehand (untimed), fingerprint check included; against one hand-written UPDATE per table and
 * against plain JPA (Hibernate's {@code @SoftDelete} with {@code CascadeType.REMOVE}, {@code
 * em.remove}). The plan's own cost is reported beside it, as its own row.
 */
final class SoftDeleteBenchmark implements Benchmark {

    private DeletePlan plan;
    private jakarta.persistence.EntityManagerFactory jpa;

    @Override
    public String name() {
        return "soft-delete";
    }

    @Override
    public String describe(int scale) {
        return "soft-delete one customer with " + scale + " dependents (half contacts, half activities), one transaction";
    }

    @Override
    public void setUp(BenchmarkContext context) throws Exception {
        BinFixture.ensure(context);
        jpa = SoftDeleteEntities.boot(context);
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
                new Contender("data-lifecycle", List.of("hand-jdbc", "plain-jpa"), this::resetAndPlan, this::delete),
                new Contender("its-plan", List.of("hand-jdbc"), BinFixture::reset, this::plan),
                new Contender("hand-jdbc", List.of(), BinFixture::reset, c -> BinFixture.handDelete(c, UUID.randomUUID().toString())),
                new Contender("plain-jpa", List.of(), BinFixture::reset, this::deleteWithJpa));
    }

    private void plan(BenchmarkContext context) throws Exception {
        try (Connection c = context.dataSource().getConnection()) {
            c.setAutoCommit(false);
            plan = new DeletePlanner(BinFixture.MODEL, Dialects.detect(c)).plan(c, "Customer", List.of(1L), BinFixture.ACTOR);
            c.commit();
        }
    }

    private void deleteWithJpa(BenchmarkContext context) {
        jpa.runInTransaction(em -> em.remove(em.find(SoftDeleteEntities.JpaCustomer.class, 1L)));
    }

    private void resetAndPlan(BenchmarkContext context) throws Exception {
        BinFixture.reset(context);
        try (Connection c = context.dataSource().getConnection()) {
            plan = new DeletePlanner(BinFixture.MODEL, Dialects.detect(c)).plan(c, "Customer", List.of(1L), BinFixture.ACTOR);
        }
    }

    private void delete(BenchmarkContext context) throws Exception {
        try (Connection c = context.dataSource().getConnection()) {
            c.setAutoCommit(false);
            new RecycleBin(BinFixture.MODEL, Dialects.detect(c), Clock.systemUTC()).delete(c, plan, BinFixture.ACTOR, "benchmark");
            c.commit();
        }
    }
}
