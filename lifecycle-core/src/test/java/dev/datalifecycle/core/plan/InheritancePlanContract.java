package dev.datalifecycle.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.datalifecycle.api.Actor;
import dev.datalifecycle.api.DeletePlan;
import dev.datalifecycle.api.DeleteRule;
import dev.datalifecycle.api.RecordNotFoundException;
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
 * Types that span tables (a JOINED subclass: Truck's columns live in {@code truck}, its markers in
 * {@code vehicle}) and types that share one (SINGLE_TABLE: Person and Organization in {@code party}),
 * with Integer and String ids.
 */
abstract class InheritancePlanContract {

    private static final Actor ACTOR = Actor.of("fleet", Set.of());
    private static final String MARKERS = ", deletion_id varchar(36), deleted_at timestamp)";

    private static LifecycleModel model(RuleSpec truckToDepot) {
        return LifecycleModel.builder()
                .type("Depot", t -> t.table("depot").id("id", IdType.LONG).markers("deletion_id", "deleted_at"))
                .type("Truck", t -> t.table("vehicle").id("id", IdType.LONG).nullable("plate").markers("deletion_id", "deleted_at")
                        .subclassTable("truck", "vehicle_id").nullable("depot_id", "towed_by"))
                .type("Person", t -> t.table("party").id("id", IdType.STRING).notNull("kind").nullable("name")
                        .markers("deletion_id", "deleted_at").discriminator("kind", "P"))
                .type("Organization", t -> t.table("party").id("id", IdType.STRING).notNull("kind").nullable("name")
                        .markers("deletion_id", "deleted_at").discriminator("kind", "O"))
                .type("Employment", t -> t.table("employment").id("id", IdType.INTEGER).notNull("person_id")
                        .markers("deletion_id", "deleted_at"))
                .reference("Truck", "depot_id", "Depot", truckToDepot)
                .reference("Truck", "towed_by", "Truck", RuleSpec.of(DeleteRule.CASCADE))
                .reference("Employment", "person_id", "Person", RuleSpec.of(DeleteRule.CASCADE))
                .build();
    }

    @BeforeAll
    static void createSchema(TestDatabase db) {
        db.execute("create table depot (id bigint primary key" + MARKERS,
                "create table vehicle (id bigint primary key, plate varchar(20)" + MARKERS,
                "create table truck (vehicle_id bigint primary key references vehicle(id), depot_id bigint references depot(id),"
                        + " towed_by bigint references vehicle(id))",
                "create table party (id varchar(20) primary key, kind varchar(1) not null, name varchar(40)" + MARKERS,
                "create table employment (id integer primary key, person_id varchar(20) not null references party(id)" + MARKERS,
                "insert into depot (id) values (1)",
                "insert into vehicle (id, plate) values (1, 'T-1')", "insert into vehicle (id, plate) values (2, 'T-2')",
                "insert into vehicle (id, plate) values (3, 'T-3')", "insert into vehicle (id, plate) values (4, 'V-4 is no truck')",
                "insert into truck values (1, 1, null)", "insert into truck values (2, 1, 1)", "insert into truck values (3, null, 2)",
                "insert into party (id, kind, name) values ('p-ada', 'P', 'Ada')",
                "insert into party (id, kind, name) values ('o-acme', 'O', 'Acme')",
                "insert into employment (id, person_id) values (7, 'p-ada')",
                "insert into employment (id, person_id) values (8, 'p-ada')");
    }

    private static DeletePlan plan(TestDatabase db, LifecycleModel model, String type, Object id) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            return new DeletePlanner(model, Dialects.detect(c)).plan(c, type, List.of(id), ACTOR);
        }
    }

    @Test
    void aReferenceInASubclassTableCascadesAndItsSelfReferenceIsFollowed(TestDatabase db) throws SQLException {
        DeletePlan plan = plan(db, model(RuleSpec.of(DeleteRule.CASCADE)), "Depot", 1L);
        assertEquals("[Depot: 1 [1], Truck: 3 [1, 2, 3]]", plan.deleted().toString(), "truck 3 is towed by truck 2");
    }

    @Test
    void aRowOfTheRootTableWithoutASubclassRowIsNotOfTheSubclass(TestDatabase db) throws SQLException {
        LifecycleModel model = model(RuleSpec.RESTRICT);
        assertThrows(RecordNotFoundException.class, () -> plan(db, model, "Truck", 4L));
        assertEquals("[Truck: 1 [3]]", plan(db, model, "Truck", 3L).deleted().toString());
    }

    @Test
    void aReferenceInASubclassTableIsDetached(TestDatabase db) throws SQLException {
        DeletePlan plan = plan(db, model(RuleSpec.of(DeleteRule.DETACH)), "Depot", 1L);
        assertEquals("[Depot: 1 [1]]", plan.deleted().toString());
        assertEquals("[Truck via Truck.depot_id: 2 [1, 2]]", plan.detached().toString());
    }

    @Test
    void typesSharingATableSeeOnlyTheirOwnRows(TestDatabase db) throws SQLException {
        LifecycleModel model = model(RuleSpec.RESTRICT);
        assertEquals("[Person: 1 [p-ada], Employment: 2 [7, 8]]", plan(db, model, "Person", "p-ada").deleted().toString());
        assertThrows(RecordNotFoundException.class, () -> plan(db, model, "Person", "o-acme"));
        assertEquals("[Organization: 1 [o-acme]]", plan(db, model, "Organization", "o-acme").deleted().toString());
    }
}
