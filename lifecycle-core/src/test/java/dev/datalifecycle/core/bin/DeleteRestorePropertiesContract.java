package dev.datalifecycle.core.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.datalifecycle.api.Actor;
import dev.datalifecycle.api.DeletePlan;
import dev.datalifecycle.api.Deletion;
import dev.datalifecycle.api.RestoreDependsOnDeletionException;
import dev.datalifecycle.core.model.LifecycleModel;
import dev.datalifecycle.core.plan.DeletePlanner;
import dev.datalifecycle.core.plan.RandomGraph;
import dev.datalifecycle.core.sql.Dialect;
import dev.datalifecycle.core.sql.Dialects;
import dev.datalifecycle.testkit.PropertyDatabases;
import dev.datalifecycle.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Delete followed by restore is the identity, on random graphs (cycles, conditional rules, DETACH)
 * with an earlier deletion mixed in. A restore may be refused only for a record that references one
 * another deletion holds, and then nothing changes.
 */
@AddLifecycleHook(PropertyDatabases.SkipUnavailable.class)
abstract class DeleteRestorePropertiesContract {

    private static final Actor ACTOR = Actor.of("u", "t1", Set.of());

    private TestDatabase database() {
        return PropertyDatabases.database(getClass(), "delete_restore_properties", db -> {
            RandomGraph.createTables(db);
            try (Connection c = db.dataSource().getConnection()) {
                LifecycleSchema.install(c, Dialects.detect(c));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @AfterContainer
    static void dropDatabases() {
        PropertyDatabases.dropAll();
    }

    @Property(tries = 60)
    void deleteThenRestoreLeavesEveryTableAsItWas(@ForAll long seed) throws SQLException {
        Random random = new Random(seed);
        TestDatabase db = database();
        LifecycleModel model = loadRandomGraph(db, random);

        deleteIfUnblocked(db, model, random); // an earlier deletion, when it can be made
        List<String> before = tables(db);
        Deletion deletion = deleteIfUnblocked(db, model, random);
        if (deletion == null) {
            return;
        }
        List<String> deleted = tables(db);
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            new RecycleBin(model, Dialects.detect(c), Clock.systemUTC()).restore(c, deletion.id(), ACTOR);
            c.commit();
            assertEquals(before, tables(db), () -> "seed " + seed);
        } catch (RestoreDependsOnDeletionException refused) {
            assertEquals(deleted, tables(db), () -> "seed " + seed + ": a refused restore changed something");
        }
    }

    /**
     * Whichever of two deletions is restored, no record comes back pointing, through a reference that
     * is not IGNORE, at a record still in the bin: such a restore is refused and changes nothing. Types
     * reached by several CASCADE paths (T3 here) are where a restored record may point outside its own
     * deletion.
     */
    @Property(tries = 60)
    void aRestoredRecordNeverPointsIntoTheBin(@ForAll long seed) throws SQLException {
        Random random = new Random(seed);
        TestDatabase db = database();
        LifecycleModel model = loadRandomGraph(db, random);
        List<Deletion> deletions = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Deletion deletion = deleteIfUnblocked(db, model, random);
            if (deletion != null) {
                deletions.add(deletion);
            }
        }
        if (deletions.isEmpty()) {
            return;
        }
        Deletion chosen = deletions.get(random.nextInt(deletions.size()));
        java.util.Map<String, String> restoring = new java.util.HashMap<>();
        for (int t = 0; t < RandomGraph.TYPES; t++) {
            List<String> ids = db.rows("select id from t" + t + " where deletion_id = '" + chosen.id() + "'");
            restoring.put("t" + t, ids.isEmpty() ? "-1" : String.join(", ", ids.stream().map(r -> r.substring(3)).toList()));
        }
        List<String> before = tables(db);
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            new RecycleBin(model, Dialects.detect(c), Clock.systemUTC()).restore(c, chosen.id(), ACTOR);
            c.commit();
        } catch (RestoreDependsOnDeletionException refused) {
            assertEquals(before, tables(db), () -> "seed " + seed + ": a refused restore changed something");
            return;
        }
        for (var d : model.dependencies()) {
            if (!d.inRecord() || d.rule().possibleRules().equals(java.util.EnumSet.of(dev.datalifecycle.api.DeleteRule.IGNORE))) {
                continue;
            }
            String from = d.fromType().toLowerCase(java.util.Locale.ROOT);
            String target = d.targetType().toLowerCase(java.util.Locale.ROOT);
            List<String> pointing = db.rows("select f.id, t.deletion_id from " + from + " f join " + target + " t on t.id = f." + d.column()
                    + " where f.id in (" + restoring.get(from) + ") and t.deletion_id is not null");
            assertEquals(List.of(), pointing, () -> "seed " + seed + ": restored " + from + " rows point into the bin through " + d);
        }
    }

    /** A random graph's rows in fresh tables, the bin empty; returns its model. */
    private static LifecycleModel loadRandomGraph(TestDatabase db, Random random) throws SQLException {
        RandomGraph.Graph graph = RandomGraph.generate(random);
        db.execute("delete from lc_detached_link", "delete from lc_deletion_count", "delete from lc_deletion_root", "delete from lc_deletion");
        RandomGraph.load(db, graph.rows());
        return graph.model();
    }

    private static Deletion deleteIfUnblocked(TestDatabase db, LifecycleModel model, Random random) throws SQLException {
        int type = random.nextInt(RandomGraph.TYPES);
        List<String> live = db.rows("select id from t" + type + " where deletion_id is null and tenant_id = 't1'");
        if (live.isEmpty()) {
            return null;
        }
        long id = Long.parseLong(live.get(random.nextInt(live.size())).substring(3));
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            Dialect dialect = Dialects.detect(c);
            DeletePlan plan = new DeletePlanner(model, dialect).plan(c, "T" + type, List.of(id), ACTOR);
            if (plan.blocked()) {
                c.rollback();
                return null;
            }
            Deletion deletion = new RecycleBin(model, dialect, Clock.systemUTC()).delete(c, plan, ACTOR, "property");
            c.commit();
            return deletion;
        }
    }

    private static List<String> tables(TestDatabase db) {
        List<String> rows = new ArrayList<>();
        for (int t = 0; t < RandomGraph.TYPES; t++) {
            String table = "t" + t;
            db.rows("select id, tenant_id, status, r0, r1, s, deletion_id from " + table).forEach(r -> rows.add(table + ": " + r));
        }
        return rows;
    }
}
