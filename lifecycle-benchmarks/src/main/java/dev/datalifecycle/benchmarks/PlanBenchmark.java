package dev.datalifecycle.benchmarks;

import dev.datalifecycle.api.Actor;
import dev.datalifecycle.api.DeletePlan;
import dev.datalifecycle.api.DeleteRule;
import dev.datalifecycle.core.model.IdType;
import dev.datalifecycle.core.model.LifecycleModel;
import dev.datalifecycle.api.RuleSpec;
import dev.datalifecycle.core.plan.DeletePlanner;
import dev.datalifecycle.core.sql.Dialects;
import dev.datalifecycle.testkit.Dbms;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;

/**
 * "What would this delete touch": the planner against the queries a careful engineer would write by
 * hand for the same three-level walk (one query per level, joined up to the root, counting and
 * listing the first ten ids), and against what a JPA host writes today: walking the associations
 * (with {@code hibernate.default_batch_fetch_size = 100}, as a careful host sets it, so collections
 * load 100 owners at a time instead of one). Scale = dependents of one organisation: teams (10%),
 * members (30%), tasks (60%), plus a second organisation of the same size that none may count.
 */
final class PlanBenchmark implements Benchmark {

    private static final String MARKERS = ", deletion_id varchar(36), deleted_at timestamp)";
    private static final Actor ACTOR = Actor.of("bench", Set.of());
    private static final LifecycleModel MODEL = LifecycleModel.builder()
            .type("Org", t -> t.table("org").id("id", IdType.LONG).markers("deletion_id", "deleted_at"))
            .type("Team", t -> t.table("team").id("id", IdType.LONG).notNull("org_id").markers("deletion_id", "deleted_at"))
            .type("Member", t -> t.table("member").id("id", IdType.LONG).notNull("team_id").markers("deletion_id", "deleted_at"))
            .type("Task", t -> t.table("task").id("id", IdType.LONG).notNull("member_id").markers("deletion_id", "deleted_at"))
            .reference("Team", "org_id", "Org", RuleSpec.of(DeleteRule.CASCADE))
            .reference("Member", "team_id", "Team", RuleSpec.of(DeleteRule.CASCADE))
            .reference("Task", "member_id", "Member", RuleSpec.of(DeleteRule.CASCADE))
            .build();

    private static final String[] HAND_WRITTEN = {
        "select t.id, count(*) over () from team t where t.org_id = ? and t.deletion_id is null order by t.id limit 10",
        "select m.id, count(*) over () from member m join team t on t.id = m.team_id"
                + " where t.org_id = ? and t.deletion_id is null and m.deletion_id is null order by m.id limit 10",
        "select k.id, count(*) over () from task k join member m on m.id = k.member_id join team t on t.id = m.team_id"
                + " where t.org_id = ? and t.deletion_id is null and m.deletion_id is null and k.deletion_id is null"
                + " order by k.id limit 10"};

    private long expected;
    private jakarta.persistence.EntityManagerFactory emf;

    /** The plan's tables as a host would map them. */
    @jakarta.persistence.Entity(name = "BenchOrg")
    @jakarta.persistence.Table(name = "org")
    static class Org {
        @jakarta.persistence.Id
        Long id;
        @jakarta.persistence.OneToMany(mappedBy = "org")
        List<Team> teams;
    }

    @jakarta.persistence.Entity(name = "BenchTeam")
    @jakarta.persistence.Table(name = "team")
    static class Team {
        @jakarta.persistence.Id
        Long id;
        @jakarta.persistence.ManyToOne(fetch = jakarta.persistence.FetchType.LAZY)
        @jakarta.persistence.JoinColumn(name = "org_id")
        Org org;
        @jakarta.persistence.OneToMany(mappedBy = "team")
        List<Member> members;
    }

    @jakarta.persistence.Entity(name = "BenchMember")
    @jakarta.persistence.Table(name = "member")
    static class Member {
        @jakarta.persistence.Id
        Long id;
        @jakarta.persistence.ManyToOne(fetch = jakarta.persistence.FetchType.LAZY)
        @jakarta.persistence.JoinColumn(name = "team_id")
        Team team;
        @jakarta.persistence.OneToMany(mappedBy = "member")
        List<Task> tasks;
    }

    @jakarta.persistence.Entity(name = "BenchTask")
    @jakarta.persistence.Table(name = "task")
    static class Task {
        @jakarta.persistence.Id
        Long id;
        @jakarta.persistence.ManyToOne(fetch = jakarta.persistence.FetchType.LAZY)
        @jakarta.persistence.JoinColumn(name = "member_id")
        Member member;
    }

    @Override
    public String name() {
        return "plan-delete";
    }

    @Override
    public String describe(int scale) {
        return "plan the delete of one organisation with " + scale + " dependents over 3 levels (counts and first ids per type)";
    }

    @Override
    public void setUp(BenchmarkContext context) throws SQLException {
        int teams = Math.max(1, context.scale() / 10);
        expected = teams + 3L * teams + 6L * teams;
        try (Connection c = context.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("create table org (id bigint primary key" + MARKERS);
            s.execute("create table team (id bigint primary key, org_id bigint not null references org(id)" + MARKERS);
            s.execute("create table member (id bigint primary key, team_id bigint not null references team(id)" + MARKERS);
            s.execute("create table task (id bigint primary key, member_id bigint not null references member(id)" + MARKERS);
            for (String index : new String[] {"team (org_id)", "member (team_id)", "task (member_id)"}) {
                s.execute("create index ix_" + index.substring(0, index.indexOf(' ')) + " on " + index);
            }
            s.execute("insert into org (id) values (1)");
            s.execute("insert into org (id) values (2)");
            c.setAutoCommit(false);
            for (int o = 1; o <= 2; o++) {
                long org = o;
                long base = (o - 1) * 10L * teams;
                insert(c, "insert into team (id, org_id) values (?, ?)", teams, i -> new long[] {base + i, org});
                insert(c, "insert into member (id, team_id) values (?, ?)", 3 * teams, i -> new long[] {base + i, base + i / 3});
                insert(c, "insert into task (id, member_id) values (?, ?)", 6 * teams, i -> new long[] {base + i, base + i / 2});
            }
            c.commit();
            c.setAutoCommit(true);
            if (context.database().dbms() == Dbms.POSTGRESQL) {
                s.execute("analyze");
            }
        }
        jakarta.persistence.PersistenceConfiguration config = new jakarta.persistence.PersistenceConfiguration("plan-benchmark")
                .managedClass(Org.class).managedClass(Team.class).managedClass(Member.class).managedClass(Task.class)
                .property("hibernate.default_batch_fetch_size", 100);
        context.database().jpaProperties().forEach(config::property);
        emf = config.createEntityManagerFactory();
    }

    @Override
    public void tearDown() {
        if (emf != null) {
            emf.close();
        }
    }

    private static void insert(Connection c, String sql, int rows, java.util.function.IntFunction<long[]> row) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < rows; i++) {
                long[] values = row.apply(i);
                p.setLong(1, values[0]);
                p.setLong(2, values[1]);
                p.addBatch();
                if ((i + 1) % BenchmarkContext.BATCH_SIZE == 0) {
                    p.executeBatch();
                }
            }
            p.executeBatch();
        }
    }

    @Override
    public List<Contender> contenders() {
        Step nothing = context -> { };
        return List.of(
                new Contender("data-lifecycle", List.of("hand-jdbc", "plain-jpa"), nothing, this::plan),
                new Contender("hand-jdbc", List.of(), nothing, this::handWritten),
                new Contender("plain-jpa", List.of(), nothing, this::walkAssociations));
    }

    private void plan(BenchmarkContext context) throws SQLException {
        try (Connection c = context.dataSource().getConnection()) {
            DeletePlan plan = new DeletePlanner(MODEL, Dialects.detect(c)).plan(c, "Org", List.of(1L), ACTOR);
            long dependents = plan.deleted().stream().mapToLong(DeletePlan.Entry::count).sum() - 1;
            check(dependents);
        }
    }

    private void handWritten(BenchmarkContext context) throws SQLException {
        long dependents = 0;
        try (Connection c = context.dataSource().getConnection()) {
            for (String sql : HAND_WRITTEN) {
                try (PreparedStatement p = c.prepareStatement(sql)) {
                    p.setLong(1, 1);
                    try (ResultSet rs = p.executeQuery()) {
                        if (rs.next()) {
                            dependents += rs.getLong(2);
                        }
                    }
                }
            }
        }
        check(dependents);
    }

    private void walkAssociations(BenchmarkContext context) {
        long dependents = emf.callInTransaction(em -> {
            long n = 0;
            for (Team team : em.find(Org.class, 1L).teams) {
                n++;
                for (Member member : team.members) {
                    n += 1 + member.tasks.size();
                }
            }
            return n;
        });
        check(dependents);
    }

    private void check(long dependents) {
        if (dependents != expected) {
            throw new IllegalStateException("counted " + dependents + " dependents, expected " + expected);
        }
    }
}
