package dev.datalifecycle.benchmarks;

import dev.datalifecycle.api.DeletePlan;
import dev.datalifecycle.testkit.Dbms;
import java.util.List;
import java.util.UUID;

/**
 * Soft delete of one customer with {@code scale} dependents, as a host calls it: from a plan computed
 * beforehand (untimed), fingerprint check included; against one hand-written UPDATE per table
 * (following the customer path alone, or every CASCADE path as the library does) and against plain JPA (Hibernate's {@code @SoftDelete} with {@code CascadeType.REMOVE}, {@code
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
                new Contender("data-lifecycle", List.of("hand-jdbc", "hand-jdbc-all-paths", "plain-jpa"), this::resetAndPlan, this::delete),
                new Contender("its-plan", List.of("hand-jdbc"), BinFixture::reset, this::plan),
                new Contender("hand-jdbc", List.of(), BinFixture::reset, c -> BinFixture.handDelete(c, UUID.randomUUID().toString())),
                new Contender("hand-jdbc-all-paths", List.of(), BinFixture::reset, SoftDeleteBenchmark::handDeleteAllPaths),
                new Contender("plain-jpa", List.of(), BinFixture::reset, this::deleteWithJpa));
    }

    /**
     * The hand-written soft delete that also follows the model's second CASCADE path into activities
     * (through their contact), as the library must: an activity whose contact belongs to the customer
     * goes too, whichever customer it names. {@code hand-jdbc} follows the customer path alone, which
     * is only the same while every activity's contact belongs to the activity's customer.
     */
    private static void handDeleteAllPaths(BenchmarkContext context) throws Exception {
        // Each database's best form, as an engineer who knows it writes it: PostgreSQL hashes an
        // IN (subquery) but runs a correlated EXISTS inside OR once per row (3x slower); H2 is the
        // other way round (IN (subquery) inside OR took seconds); MariaDB runs both alike.
        String contactPath = context.database().dbms() == Dbms.POSTGRESQL
                ? "contact_id in (select id from bin_contact where customer_id = 1)"
                : "exists (select 1 from bin_contact k where k.id = bin_activity.contact_id and k.customer_id = 1)";
        BinFixture.byHand(context, UUID.randomUUID().toString(),
                "update bin_customer set deletion_id = ?, deleted_at = current_timestamp where id = 1 and deletion_id is null",
                "update bin_contact set deletion_id = ?, deleted_at = current_timestamp where customer_id = 1 and deletion_id is null",
                "update bin_activity set deletion_id = ?, deleted_at = current_timestamp where deletion_id is null"
                        + " and (customer_id = 1 or " + contactPath + ")");
    }

    private void plan(BenchmarkContext context) throws Exception {
        plan = BinFixture.entryPoint(context, BinFixture.MODEL).plan("Customer", 1L, BinFixture.ACTOR);
    }

    private void deleteWithJpa(BenchmarkContext context) {
        jpa.runInTransaction(em -> em.remove(em.find(SoftDeleteEntities.JpaCustomer.class, 1L)));
    }

    private void resetAndPlan(BenchmarkContext context) throws Exception {
        BinFixture.reset(context);
        plan(context);
    }

    /** Through the entry point, as a host calls it: a transaction of its own. */
    private void delete(BenchmarkContext context) throws Exception {
        BinFixture.entryPoint(context, BinFixture.MODEL).delete(plan, BinFixture.ACTOR, "benchmark");
    }
}
