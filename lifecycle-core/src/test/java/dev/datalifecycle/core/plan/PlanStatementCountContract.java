package dev.datalifecycle.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.datalifecycle.api.Actor;
import dev.datalifecycle.api.DeletePlan;
import dev.datalifecycle.api.DeleteRule;
import dev.datalifecycle.api.RuleSpec;
import dev.datalifecycle.core.model.IdType;
import dev.datalifecycle.core.model.LifecycleModel;
import dev.datalifecycle.core.sql.Dialects;
import dev.datalifecycle.testkit.Dbms;
import dev.datalifecycle.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The number of statements a plan takes depends on the model, never on the records: dependents spread
 * over three levels with many parents per level (so a loop over parents would show), and a hierarchy
 * 10,000 deep.
 */
abstract class PlanStatementCountContract {

    private static final Actor ACTOR = Actor.of("admin", Set.of("admin"));
    private static final String MARKERS = ", deletion_id varchar(36), deleted_at timestamp)";
    private static final LifecycleModel MODEL = LifecycleModel.builder()
            .type("Org", t -> t.table("org").id("id", IdType.LONG).markers("deletion_id", "deleted_at"))
            .type("Team", t -> t.table("team").id("id", IdType.LONG).notNull("org_id").markers("deletion_id", "deleted_at"))
            .type("Member", t -> t.table("member").id("id", IdType.LONG).notNull("team_id").markers("deletion_id", "deleted_at"))
            .type("Task", t -> t.table("task").id("id", IdType.LONG).notNull("member_id").markers("deletion_id", "deleted_at"))
            .type("Node", t -> t.table("node").id("id", IdType.LONG).nullable("parent_id").markers("deletion_id", "deleted_at"))
            .reference("Team", "org_id", "Org", RuleSpec.of(DeleteRule.CASCADE))
            .reference("Member", "team_id", "Team", RuleSpec.of(DeleteRule.CASCADE))
            .reference("Task", "member_id", "Member", RuleSpec.of(DeleteRule.CASCADE))
            .reference("Node", "parent_id", "Node", RuleSpec.of(DeleteRule.CASCADE))
            .build();

    @BeforeAll
    static void createSchema(TestDatabase db) throws SQLException {
        db.execute("create table org (id bigint primary key" + MARKERS,
                "create table team (id bigint primary key, org_id bigint not null references org(id)" + MARKERS,
                "create table member (id bigint primary key, team_id bigint not null references team(id)" + MARKERS,
                "create table task (id bigint primary key, member_id bigint not null references member(id)" + MARKERS,
                "create table node (id bigint primary key, parent_id bigint references node(id)" + MARKERS,
                // PostgreSQL does not index foreign keys by itself; a careful host does.
                "create index team_org on team (org_id)", "create index member_team on member (team_id)",
                "create index task_member on task (member_id)", "create index node_parent on node (parent_id)",
                "insert into org (id) values (1)", "insert into org (id) values (2)");
        // Org 1: 10 dependents. Org 2: 10,000 dependents (1,000 teams, 3,000 members, 6,000 tasks).
        spread(db, 1, 1, 1_000, 3, 2);
        spread(db, 2, 1_000, 10_000, 3, 2);
        insert(db, "insert into node (id, parent_id) values (?, ?)", 1, 10_000, i -> new Object[] {i, i == 1 ? null : i - 1});
        if (db.dbms() == Dbms.POSTGRESQL) {
            // Fresh tables have no statistics; without them PostgreSQL scans node once per level of
            // the recursion instead of using node_parent. A live database has been analysed.
            db.execute("analyze org", "analyze team", "analyze member", "analyze task", "analyze node");
        }
    }

    /** {@code teams} teams of org, each with {@code perTeam} members, each with {@code perMember} tasks. */
    private static void spread(TestDatabase db, long org, int teams, long base, int perTeam, int perMember) throws SQLException {
        insert(db, "insert into team (id, org_id) values (?, ?)", 0, teams, i -> new Object[] {base + i, org});
        insert(db, "insert into member (id, team_id) values (?, ?)", 0, teams * perTeam, i -> new Object[] {base + i, base + i / perTeam});
        insert(db, "insert into task (id, member_id) values (?, ?)", 0, teams * perTeam * perMember,
                i -> new Object[] {base + i, base + i / perMember});
    }

    private static void insert(TestDatabase db, String sql, int from, int count, java.util.function.IntFunction<Object[]> row)
            throws SQLException {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            c.setAutoCommit(false);
            for (int i = from; i < from + count; i++) {
                Object[] values = row.apply(i);
                for (int k = 0; k < values.length; k++) {
                    p.setObject(k + 1, values[k]);
                }
                p.addBatch();
                if ((i + 1) % 1_000 == 0) {
                    p.executeBatch();
                }
            }
            p.executeBatch();
            c.commit();
        }
    }

    private static long statementsToPlan(TestDatabase db, String type, long root, long expectedRecords) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            DeletePlanner planner = new DeletePlanner(MODEL, Dialects.detect(c));
            db.statements().reset();
            DeletePlan plan = planner.plan(c, type, List.of(root), ACTOR);
            long statements = db.statements().count();
            assertEquals(expectedRecords, plan.deleted().stream().mapToLong(DeletePlan.Entry::count).sum(), plan::toString);
            return statements;
        }
    }

    @Test
    void tenAndTenThousandDependentsOverThreeLevelsTakeTheSameStatements(TestDatabase db) throws SQLException {
        long small = statementsToPlan(db, "Org", 1, 1 + 10);
        long large = statementsToPlan(db, "Org", 2, 1 + 10_000);
        assertEquals(small, large);
        assertEquals(1 + 4, large, "roots + one query per type reached");
    }

    @Test
    void aHierarchyTenThousandDeepIsPlannedInTwoStatements(TestDatabase db) throws SQLException {
        assertEquals(2, statementsToPlan(db, "Node", 1, 10_000));
        assertEquals(2, statementsToPlan(db, "Node", 9_990, 11));
    }
}
