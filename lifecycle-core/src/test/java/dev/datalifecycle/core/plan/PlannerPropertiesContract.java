package dev.datalifecycle.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.datalifecycle.api.Actor;
import dev.datalifecycle.api.DeletePlan;
import dev.datalifecycle.api.DeleteRule;
import dev.datalifecycle.api.RuleSpec;
import dev.datalifecycle.core.model.LifecycleModel;
import dev.datalifecycle.core.sql.Dialects;
import dev.datalifecycle.testkit.PropertyDatabases;
import dev.datalifecycle.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The planner against a naive in-memory closure, over random rules and random data (cycles in
 * self-references, records already deleted, another tenant's records, conditional rules with
 * {@code NULL}s) on a fixed shape of four types: T1 and T3 reference themselves, T2 references T0 and
 * T1, T3 references T2 and T1, and T0 references T3, so random cascades form cycles through several
 * types as well as through one.
 */
@AddLifecycleHook(PropertyDatabases.SkipUnavailable.class)
abstract class PlannerPropertiesContract {

    private static final Actor ACTOR = Actor.of("u", "t1", Set.of());
    private static final int TYPES = RandomGraph.TYPES;
    private static final String[][] REFERENCES = RandomGraph.REFERENCES;

    private TestDatabase database() {
        return PropertyDatabases.database(getClass(), "planner_properties", RandomGraph::createTables);
    }

    @AfterContainer
    static void dropDatabases() {
        PropertyDatabases.dropAll();
    }

    @Property(tries = 200)
    void thePlanIsTheClosureANaiveWalkFinds(@ForAll long seed) throws SQLException {
        Random random = new Random(seed);
        RandomGraph.Graph graph = RandomGraph.generate(random);
        LifecycleModel model = graph.model();
        RuleSpec[] rules = graph.rules();
        RandomGraph.Row[][] rows = graph.rows();
        TestDatabase db = database();
        RandomGraph.load(db, rows);

        int rootType = random.nextInt(TYPES);
        RandomGraph.Row root = rows[rootType][random.nextInt(rows[rootType].length)];
        if (root.deleted() || !root.tenant().equals("t1")) {
            return; // the exceptions for these are asserted by DeletePlannerContract
        }
        DeletePlan plan;
        try (Connection c = db.dataSource().getConnection()) {
            plan = new DeletePlanner(model, Dialects.detect(c), 1_000).plan(c, "T" + rootType, List.of(root.id()), ACTOR);
        }
        Expected expected = naive(rows, rules, rootType, root.id());
        assertEquals(expected.deleted, byType(plan.deleted()), () -> "seed " + seed + ": " + plan);
        assertEquals(expected.blockers, byVia(plan.blockers()), () -> "seed " + seed + ": " + plan);
        assertEquals(expected.detached, byVia(plan.detached()), () -> "seed " + seed + ": " + plan);
    }

    private static int column(String name) {
        return RandomGraph.column(name);
    }

    private record Expected(Map<String, List<Object>> deleted, Map<String, List<Object>> blockers, Map<String, List<Object>> detached) {
    }

    private static Expected naive(RandomGraph.Row[][] rows, RuleSpec[] rules, int rootType, long rootId) {
        List<Set<Long>> set = new ArrayList<>();
        for (int t = 0; t < TYPES; t++) {
            set.add(new HashSet<>());
        }
        set.get(rootType).add(rootId);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = 0; i < REFERENCES.length; i++) {
                int from = Integer.parseInt(REFERENCES[i][0]);
                int target = Integer.parseInt(REFERENCES[i][2]);
                for (RandomGraph.Row r : rows[from]) {
                    Long ref = r.refs()[column(REFERENCES[i][1])];
                    if (visible(r) && ref != null && set.get(target).contains(ref) && outcome(rules[i], r) == DeleteRule.CASCADE
                            && set.get(from).add(r.id())) {
                        changed = true;
                    }
                }
            }
        }
        Map<String, List<Object>> deleted = new TreeMap<>();
        for (int t = 0; t < TYPES; t++) {
            if (!set.get(t).isEmpty()) {
                deleted.put("T" + t, new ArrayList<>(new TreeSet<>(set.get(t))));
            }
        }
        Map<String, List<Object>> blockers = new TreeMap<>();
        Map<String, List<Object>> detached = new TreeMap<>();
        for (int i = 0; i < REFERENCES.length; i++) {
            int from = Integer.parseInt(REFERENCES[i][0]);
            int target = Integer.parseInt(REFERENCES[i][2]);
            TreeSet<Long> block = new TreeSet<>();
            TreeSet<Long> detach = new TreeSet<>();
            for (RandomGraph.Row r : rows[from]) {
                Long ref = r.refs()[column(REFERENCES[i][1])];
                if (visible(r) && ref != null && set.get(target).contains(ref) && !set.get(from).contains(r.id())) {
                    DeleteRule rule = outcome(rules[i], r);
                    if (rule == DeleteRule.RESTRICT) {
                        block.add(r.id());
                    } else if (rule == DeleteRule.DETACH) {
                        detach.add(r.id());
                    }
                }
            }
            String via = "T" + from + "." + REFERENCES[i][1];
            if (!block.isEmpty()) {
                blockers.put(via, new ArrayList<>(block));
            }
            if (!detach.isEmpty()) {
                detached.put(via, new ArrayList<>(detach));
            }
        }
        return new Expected(deleted, blockers, detached);
    }

    private static boolean visible(RandomGraph.Row r) {
        return !r.deleted() && r.tenant().equals("t1");
    }

    private static DeleteRule outcome(RuleSpec rule, RandomGraph.Row r) {
        if (!rule.conditional()) {
            return rule.otherwise();
        }
        if ("A".equals(r.status())) {
            return DeleteRule.CASCADE;
        }
        return "B".equals(r.status()) ? DeleteRule.DETACH : DeleteRule.RESTRICT;
    }

    private static Map<String, List<Object>> byType(List<DeletePlan.Entry> entries) {
        Map<String, List<Object>> map = new TreeMap<>();
        entries.forEach(e -> map.put(e.type(), e.firstIds()));
        return map;
    }

    private static Map<String, List<Object>> byVia(List<DeletePlan.Entry> entries) {
        Map<String, List<Object>> map = new TreeMap<>();
        entries.forEach(e -> map.put(e.via(), e.firstIds()));
        return map;
    }
}
