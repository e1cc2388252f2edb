package dev.datalifecycle.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

/**
 * Permanent delete of one deletion (a customer with {@code scale} dependents) against hand-written
 * children-first DELETEs of the same soft-deleted rows, one per table.
 */
final class PurgeBenchmark implements Benchmark {

    private UUID deletionId;

    @Override
    public String name() {
        return "permanent-delete";
    }

    @Override
    public String describe(int scale) {
        return "permanently delete the deletion of one customer with " + scale + " dependents, one transaction";
    }

    @Override
    public void setUp(BenchmarkContext context) throws Exception {
        BinFixture.ensure(context);
    }

    @Override
    public List<Contender> contenders() {
        return List.of(
                new Contender("data-lifecycle", List.of("hand-jdbc"), this::rebuildAndDelete, this::purge),
                new Contender("hand-jdbc", List.of(), this::rebuildAndDeleteByHand, this::handPurge));
    }

    /** Customer 1 and its dependents as they were before an earlier purge took them, all live. */
    private static void rebuild(BenchmarkContext context) throws SQLException {
        BinFixture.reset(context);
        try (Connection c = context.dataSource().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.executeUpdate("delete from bin_activity where customer_id = 1");
            s.executeUpdate("delete from bin_contact where customer_id = 1");
            s.executeUpdate("delete from bin_customer where id = 1");
            s.executeUpdate("insert into bin_customer (id) values (1)");
            BinFixture.insertDependents(c, context.scale(), 1);
            c.commit();
        }
    }

    private void rebuildAndDelete(BenchmarkContext context) throws Exception {
        rebuild(context);
        deletionId = BinFixture.libraryDelete(context).id();
    }

    private void purge(BenchmarkContext context) throws Exception {
        BinFixture.entryPoint(context, BinFixture.MODEL).purge(deletionId, BinFixture.ACTOR);
    }

    private void rebuildAndDeleteByHand(BenchmarkContext context) throws Exception {
        rebuild(context);
        deletionId = UUID.randomUUID();
        BinFixture.handDelete(context, deletionId.toString());
    }

    /** Children first: activities name contacts and customers, contacts name customers. */
    private void handPurge(BenchmarkContext context) throws Exception {
        BinFixture.byHand(context, deletionId.toString(), "delete from bin_activity where deletion_id = ?",
                "delete from bin_contact where deletion_id = ?", "delete from bin_customer where deletion_id = ?");
    }
}
