package dev.datalifecycle.benchmarks;

import dev.datalifecycle.api.Deletion;
import dev.datalifecycle.core.bin.RecycleBin;
import dev.datalifecycle.core.plan.DeletePlanner;
import dev.datalifecycle.core.sql.Dialects;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** Restore of that deletion (all its checks included) against one hand-written UPDATE per table. */
final class RestoreBenchmark implements Benchmark {

    private Deletion deletion;
    private String handDeletion;

    @Override
    public String name() {
        return "restore";
    }

    @Override
    public String describe(int scale) {
        return "restore the deletion of one customer with " + scale + " dependents, one transaction";
    }

    @Override
    public void setUp(BenchmarkContext context) throws Exception {
        BinFixture.ensure(context);
    }

    @Override
    public List<Contender> contenders() {
        return List.of(
                new Contender("data-lifecycle", List.of("hand-jdbc"), this::deleteWithLibrary, this::restore),
                new Contender("hand-jdbc", List.of(), this::deleteByHand, this::handRestore));
    }

    private void deleteWithLibrary(BenchmarkContext context) throws Exception {
        BinFixture.reset(context);
        try (Connection c = context.dataSource().getConnection()) {
            c.setAutoCommit(false);
            var dialect = Dialects.detect(c);
            var plan = new DeletePlanner(BinFixture.MODEL, dialect).plan(c, "Customer", List.of(1L), BinFixture.ACTOR);
            deletion = new RecycleBin(BinFixture.MODEL, dialect, Clock.systemUTC()).delete(c, plan, BinFixture.ACTOR, "benchmark");
            c.commit();
        }
    }

    private void restore(BenchmarkContext context) throws Exception {
        try (Connection c = context.dataSource().getConnection()) {
            c.setAutoCommit(false);
            new RecycleBin(BinFixture.MODEL, Dialects.detect(c), Clock.systemUTC()).restore(c, deletion.id(), BinFixture.ACTOR);
            c.commit();
        }
    }

    private void deleteByHand(BenchmarkContext context) throws Exception {
        BinFixture.reset(context);
        handDeletion = UUID.randomUUID().toString();
        BinFixture.handDelete(context, handDeletion);
    }

    private void handRestore(BenchmarkContext context) throws Exception {
        try (Connection c = context.dataSource().getConnection()) {
            c.setAutoCommit(false);
            for (String table : new String[] {"bin_customer", "bin_contact", "bin_activity"}) {
                try (PreparedStatement p = c.prepareStatement("update " + table
                        + " set deletion_id = null, deleted_at = null where deletion_id = ?")) {
                    p.setString(1, handDeletion);
                    p.executeUpdate();
                }
            }
            c.commit();
        }
    }
}
