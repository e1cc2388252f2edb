package dev.datalifecycle.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.datalifecycle.api.Actor;
import dev.datalifecycle.api.Criteria;
import dev.datalifecycle.api.DeletePlan;
import dev.datalifecycle.api.DeleteRule;
import dev.datalifecycle.core.model.IdType;
import dev.datalifecycle.core.model.LifecycleModel;
import dev.datalifecycle.core.model.LifecycleModelBuilder;
import dev.datalifecycle.core.model.RuleSpec;
import dev.datalifecycle.core.sql.Dialects;
import dev.datalifecycle.testkit.DatabaseAvailability;
import dev.datalifecycle.testkit.Dbms;
import dev.datalifecycle.testkit.OnDatabase;
import dev.datalifecycle.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
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
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * The planner against a naive in-memory closure, over random rules and random data (cycles in
 * self-references, records already deleted, another tenant's records, conditional rules with
 * {@code NULL}s) on a fixed shape of four types: T1 and T3 reference themselves, T2 references T0 and
 * T1, T3 references T2 and T1, and T0 references T3, so random cascades form cycles through several
 * types as well as through one.
 */
@AddLifecycleHook(PlannerPropertiesContract.SkipUnavailable.class)
abstract class PlannerPropertiesContract {

    private static final Map<Dbms, TestDatabase> DATABASES = new EnumMap<>(Dbms.class);
    private static final Actor ACTOR = Actor.of("u", "t1", Set.of());
    private static final int TYPES = 4;
    /** from type, column, target type. */
    private static final String[][] REFERENCES = {
        {"0", "r0", "3"}, {"1", "r0", "0"}, {"1", "s", "1"}, {"2", "r0", "0"}, {"2", "r1", "1"}, {"3", "r0", "2"}, {"3", "r1", "1"}, {"3", "s", "3"}};
    private static final RuleSpec CONDITIONAL = RuleSpec.when(Criteria.eq("status", "A"), DeleteRule.CASCADE)
            .orWhen(Criteria.eq("status", "B"), DeleteRule.DETACH);
    private static final RuleSpec[] RULES = {RuleSpec.of(DeleteRule.CASCADE), RuleSpec.RESTRICT, RuleSpec.of(DeleteRule.DETACH),
        RuleSpec.of(DeleteRule.IGNORE), CONDITIONAL};

    private final Dbms dbms = getClass().getAnnotation(OnDatabase.class).value();

    private TestDatabase database() {
        synchronized (DATABASES) {
            return DATABASES.computeIfAbsent(dbms, d -> {
                TestDatabase db = TestDatabase.create(d, "planner_properties");
                List<String> ddl = new ArrayList<>();
                for (int t = 0; t < TYPES; t++) {
                    ddl.add("create table t" + t + " (id bigint primary key, tenant_id varchar(4) not null, status varchar(1),"
                            + " r0 bigint, r1 bigint, s bigint, deletion_id varchar(36), deleted_at timestamp)");
                }
                db.execute(ddl.toArray(String[]::new));
                return db;
            });
        }
    }

    @AfterContainer
    static void dropDatabases() {
        synchronized (DATABASES) {
            DATABASES.values().forEach(TestDatabase::close);
            DATABASES.clear();
        }
    }

    @Property(tries = 200)
    void thePlanIsTheClosureANaiveWalkFinds(@ForAll long seed) throws SQLException {
        Random random = new Random(seed);
        RuleSpec[] rules = new RuleSpec[REFERENCES.length];
        LifecycleModelBuilder builder = LifecycleModel.builder().tenants();
        for (int t = 0; t < TYPES; t++) {
            String table = "t" + t;
            builder.type("T" + t, type -> type.table(table).id("id", IdType.LONG).nullable("status", "r0", "r1", "s")
                    .markers("deletion_id", "deleted_at").tenantColumn("tenant_id"));
        }
        for (int i = 0; i < REFERENCES.length; i++) {
            rules[i] = RULES[random.nextInt(RULES.length)];
            builder.reference("T" + REFERENCES[i][0], REFERENCES[i][1], "T" + REFERENCES[i][2], rules[i]);
        }
        LifecycleModel model = builder.build();

        Row[][] rows = new Row[TYPES][];
        for (int t = 0; t < TYPES; t++) {
            rows[t] = new Row[1 + random.nextInt(7)];
        }
        for (int t = 0; t < TYPES; t++) {
            for (int k = 0; k < rows[t].length; k++) {
                Long[] refs = new Long[3];
                for (int i = 0; i < REFERENCES.length; i++) {
                    if (Integer.parseInt(REFERENCES[i][0]) == t && random.nextInt(4) > 0) {
                        int target = Integer.parseInt(REFERENCES[i][2]);
                        refs[column(REFERENCES[i][1])] = (long) (1 + random.nextInt(rows[target].length));
                    }
                }
                String status = new String[] {"A", "B", null}[random.nextInt(3)];
                rows[t][k] = new Row(k + 1, random.nextInt(10) == 0 ? "t2" : "t1", status, refs, random.nextInt(6) == 0);
            }
        }
        TestDatabase db = database();
        load(db, rows);

        int rootType = random.nextInt(TYPES);
        Row root = rows[rootType][random.nextInt(rows[rootType].length)];
        if (root.deleted || !root.tenant.equals("t1")) {
            return; // the exceptions for these are asserted by DeletePlannerContract
        }
        DeletePlan plan;
        try (Connection c = db.dataSource().getConnection()) {
            plan = new DeletePlanner(model, Dialects.detect(c), 1_000).plan(c, "T" + rootType, List.of(root.id), ACTOR);
        }
        Expected expected = naive(rows, rules, rootType, root.id);
        assertEquals(expected.deleted, byType(plan.deleted()), () -> "seed " + seed + ": " + plan);
        assertEquals(expected.blockers, byVia(plan.blockers()), () -> "seed " + seed + ": " + plan);
        assertEquals(expected.detached, byVia(plan.detached()), () -> "seed " + seed + ": " + plan);
    }

    private static int column(String name) {
        return switch (name) {
            case "r0" -> 0;
            case "r1" -> 1;
            default -> 2;
        };
    }

    private record Row(long id, String tenant, String status, Long[] refs, boolean deleted) {
    }

    private record Expected(Map<String, List<Object>> deleted, Map<String, List<Object>> blockers, Map<String, List<Object>> detached) {
    }

    private static Expected naive(Row[][] rows, RuleSpec[] rules, int rootType, long rootId) {
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
                for (Row r : rows[from]) {
                    Long ref = r.refs[column(REFERENCES[i][1])];
                    if (visible(r) && ref != null && set.get(target).contains(ref) && outcome(rules[i], r) == DeleteRule.CASCADE
                            && set.get(from).add(r.id)) {
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
            for (Row r : rows[from]) {
                Long ref = r.refs[column(REFERENCES[i][1])];
                if (visible(r) && ref != null && set.get(target).contains(ref) && !set.get(from).contains(r.id)) {
                    DeleteRule rule = outcome(rules[i], r);
                    if (rule == DeleteRule.RESTRICT) {
                        block.add(r.id);
                    } else if (rule == DeleteRule.DETACH) {
                        detach.add(r.id);
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

    private static boolean visible(Row r) {
        return !r.deleted && r.tenant.equals("t1");
    }

    private static DeleteRule outcome(RuleSpec rule, Row r) {
        if (!rule.conditional()) {
            return rule.otherwise();
        }
        if ("A".equals(r.status)) {
            return DeleteRule.CASCADE;
        }
        return "B".equals(r.status) ? DeleteRule.DETACH : DeleteRule.RESTRICT;
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

    private static void load(TestDatabase db, Row[][] rows) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (int t = 0; t < TYPES; t++) {
                    s.executeUpdate("delete from t" + t);
                }
            }
            for (int t = 0; t < TYPES; t++) {
                try (PreparedStatement p = c.prepareStatement("insert into t" + t
                        + " (id, tenant_id, status, r0, r1, s, deletion_id) values (?, ?, ?, ?, ?, ?, ?)")) {
                    for (Row r : rows[t]) {
                        p.setLong(1, r.id);
                        p.setString(2, r.tenant);
                        p.setString(3, r.status);
                        for (int k = 0; k < 3; k++) {
                            p.setObject(4 + k, r.refs[k], java.sql.Types.BIGINT);
                        }
                        p.setString(7, r.deleted ? "earlier" : null);
                        p.addBatch();
                    }
                    p.executeBatch();
                }
            }
            c.commit();
        }
    }

    /** Skips the properties of a database that is not there, unless CI requires it (then they fail). */
    static final class SkipUnavailable implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            Dbms dbms = context.optionalContainerClass()
                    .map(c -> c.getAnnotation(OnDatabase.class))
                    .map(OnDatabase::value).orElse(Dbms.H2);
            boolean mustRun = DatabaseAvailability.required() && DatabaseAvailability.selected().contains(dbms);
            return DatabaseAvailability.unavailable(dbms).filter(reason -> !mustRun)
                    .map(SkipResult::skip).orElse(SkipResult.doNotSkip());
        }
    }
}
