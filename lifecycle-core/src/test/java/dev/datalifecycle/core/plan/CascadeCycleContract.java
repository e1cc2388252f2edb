package dev.datalifecycle.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.datalifecycle.api.Actor;
import dev.datalifecycle.api.DeletePlan;
import dev.datalifecycle.api.DeleteRule;
import dev.datalifecycle.api.RuleSpec;
import dev.datalifecycle.core.model.IdType;
import dev.datalifecycle.core.model.LifecycleModel;
import dev.datalifecycle.core.sql.Dialects;
import dev.datalifecycle.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A cascade cycle through two types with different id types: a company's sites go with it, and a
 * company whose headquarters site goes goes too. The data has a cycle of its own (company 1's
 * headquarters is its own site A; company 3's is its own site D).
 */
abstract class CascadeCycleContract {

    private static final String A = "00000000-0000-4000-8000-00000000000a";
    private static final String B = "00000000-0000-4000-8000-00000000000b";
    private static final String C = "00000000-0000-4000-8000-00000000000c";
    private static final String D = "00000000-0000-4000-8000-00000000000d";
    private static final String MARKERS = ", deletion_id varchar(36), deleted_at timestamp)";
    private static final LifecycleModel MODEL = LifecycleModel.builder()
            .type("Company", t -> t.table("company").id("id", IdType.LONG).nullable("hq_site_id").markers("deletion_id", "deleted_at"))
            .type("Site", t -> t.table("site").id("id", IdType.UUID).notNull("company_id").markers("deletion_id", "deleted_at"))
            .type("Visit", t -> t.table("visit").id("id", IdType.LONG).notNull("site_id"))
            .reference("Site", "company_id", "Company", RuleSpec.of(DeleteRule.CASCADE))
            .reference("Company", "hq_site_id", "Site", RuleSpec.of(DeleteRule.CASCADE))
            .reference("Visit", "site_id", "Site")
            .build();

    @BeforeAll
    static void createSchema(TestDatabase db) {
        db.execute("create table company (id bigint primary key, hq_site_id uuid" + MARKERS,
                "create table site (id uuid primary key, company_id bigint not null references company(id)" + MARKERS,
                "create table visit (id bigint primary key, site_id uuid not null references site(id))",
                "insert into company (id) values (1)", "insert into company (id) values (2)", "insert into company (id) values (3)",
                "insert into site (id, company_id) values ('" + A + "', 1)",
                "insert into site (id, company_id) values ('" + B + "', 1)",
                "insert into site (id, company_id) values ('" + C + "', 2)",
                "insert into site (id, company_id) values ('" + D + "', 3)",
                "update company set hq_site_id = '" + A + "' where id = 1",
                "update company set hq_site_id = '" + B + "' where id = 2",
                "update company set hq_site_id = '" + D + "' where id = 3",
                "insert into visit values (70, '" + C + "')");
    }

    private static DeletePlan plan(TestDatabase db, String type, Object id) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            return new DeletePlanner(MODEL, Dialects.detect(c)).plan(c, type, List.of(id), Actor.of("ops", Set.of()));
        }
    }

    @Test
    void aCycleThroughTwoTypesIsFollowedUntilNothingNewIsReached(TestDatabase db) throws SQLException {
        db.statements().reset();
        DeletePlan plan = plan(db, "Company", 1L);
        assertEquals("[Company: 2 [1, 2], Site: 3 [" + A + ", " + B + ", " + C + "]]", plan.deleted().toString());
        assertEquals("[Visit via Visit.site_id: 1 [70]]", plan.blockers().toString());
        assertEquals(1 + 2 + 1, db.statements().count(), "roots, one per type, one per blocking dependency");
    }

    @Test
    void enteringTheCycleFromTheOtherTypeFollowsOnlyWhatDependsOnIt(TestDatabase db) throws SQLException {
        // Site B is company 2's headquarters, so company 2 and its sites go; B's own company 1 does not.
        assertEquals("[Company: 1 [2], Site: 2 [" + B + ", " + C + "]]", plan(db, "Site", B).deleted().toString());
        assertEquals("[Company: 1 [3], Site: 1 [" + D + "]]", plan(db, "Site", D).deleted().toString());
    }
}
