package dev.datalifecycle.benchmarks;

import dev.datalifecycle.api.Deletion;
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
        deletion = BinFixture.libraryDelete(context);
    }

    private void restore(BenchmarkContext context) throws Exception {
        BinFixture.entryPoint(context, BinFixture.MODEL).restore(deletion.id(), BinFixture.ACTOR);
    }

    private void deleteByHand(BenchmarkContext context) throws Exception {
        BinFixture.reset(context);
        handDeletion = UUID.randomUUID().toString();
        BinFixture.handDelete(context, handDeletion);
    }

    private void handRestore(BenchmarkContext context) throws Exception {
        BinFixture.byHand(context, handDeletion,
                "update bin_customer set deletion_id = null, deleted_at = null where deletion_id = ?",
                "update bin_contact set deletion_id = null, deleted_at = null where deletion_id = ?",
                "update bin_activity set deletion_id = null, deleted_at = null where deletion_id = ?");
    }
}
