package dev.datalifecycle.core.plan;

import dev.datalifecycle.api.Criteria;
import dev.datalifecycle.api.DeleteRule;
import dev.datalifecycle.api.RuleSpec;
import dev.datalifecycle.core.model.IdType;
import dev.datalifecycle.core.model.LifecycleModel;
import dev.datalifecycle.core.model.LifecycleModelBuilder;
import dev.datalifecycle.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random models and data for property tests, on a fixed shape of four types: T1 and T3 reference
 * themselves, T2 references T0 and T1, T3 references T2 and T1, and T0 references T3, so random
 * cascades form cycles through several types as well as through one. Rules are random (conditional
 * ones on a {@code status} that may be {@code NULL}); rows may be another tenant's or already deleted.
 */
public final class RandomGraph {

    public static final int TYPES = 4;
    /** from type, column, target type. */
    public static final String[][] REFERENCES = {
        {"0", "r0", "3"}, {"1", "r0", "0"}, {"1", "s", "1"}, {"2", "r0", "0"}, {"2", "r1", "1"}, {"3", "r0", "2"}, {"3", "r1", "1"}, {"3", "s", "3"}};
    public static final RuleSpec CONDITIONAL = RuleSpec.when(Criteria.eq("status", "A"), DeleteRule.CASCADE)
            .orWhen(Criteria.eq("status", "B"), DeleteRule.DETACH);
    private static final RuleSpec[] RULES = {RuleSpec.of(DeleteRule.CASCADE), RuleSpec.RESTRICT, RuleSpec.of(DeleteRule.DETACH),
        RuleSpec.of(DeleteRule.IGNORE), CONDITIONAL};

    /** The deletion that generated rows marked as deleted belong to. */
    public static final String EARLIER = "00000000-0000-4000-8000-0000000000ee";

    /** One generated row. */
    public record Row(long id, String tenant, String status, Long[] refs, boolean deleted) {
    }

    /** A random model with its rules, and random rows. */
    public record Graph(LifecycleModel model, RuleSpec[] rules, Row[][] rows) {
    }

    private RandomGraph() {
    }

    public static void createTables(TestDatabase db) {
        List<String> ddl = new ArrayList<>();
        for (int t = 0; t < TYPES; t++) {
            ddl.add("create table t" + t + " (id bigint primary key, tenant_id varchar(4) not null, status varchar(1),"
                    + " r0 bigint, r1 bigint, s bigint, deletion_id varchar(36), deleted_at timestamp)");
        }
        db.execute(ddl.toArray(String[]::new));
    }

    public static Graph generate(Random random) {
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
        return new Graph(model, rules, rows);
    }

    public static int column(String name) {
        return switch (name) {
            case "r0" -> 0;
            case "r1" -> 1;
            default -> 2;
        };
    }

    public static void load(TestDatabase db, Row[][] rows) throws SQLException {
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
                        p.setString(7, r.deleted() ? EARLIER : null);
                        p.addBatch();
                    }
                    p.executeBatch();
                }
            }
            c.commit();
        }
    }

}
