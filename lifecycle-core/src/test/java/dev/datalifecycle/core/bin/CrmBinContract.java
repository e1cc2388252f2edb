package dev.datalifecycle.core.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.datalifecycle.api.Actor;
import dev.datalifecycle.api.AlreadyDeletedException;
import dev.datalifecycle.api.Criteria;
import dev.datalifecycle.api.DeleteBlockedException;
import dev.datalifecycle.api.DeletePlan;
import dev.datalifecycle.api.DeleteRule;
import dev.datalifecycle.api.Deletion;
import dev.datalifecycle.api.RuleSpec;
import dev.datalifecycle.api.StalePlanException;
import dev.datalifecycle.core.model.IdType;
import dev.datalifecycle.core.model.LifecycleModel;
import dev.datalifecycle.core.plan.DeletePlanner;
import dev.datalifecycle.core.sql.Dialect;
import dev.datalifecycle.core.sql.Dialects;
import dev.datalifecycle.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The CRM-shaped schema and data the recycle bin's contracts share (customers, contacts, activities,
 * contracts, one tenant), with helpers that run each step in a transaction of its own.
 */
abstract class CrmBinContract {

    static final Actor ALICE = Actor.of("alice", "t1", Set.of("sales"));
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);
    static final String MARKERS = ", deletion_id varchar(36), deleted_at timestamp)";
    static final String[] TABLES = {"campaign_member", "customer_tag", "activity", "contract", "contact", "customer"};
    static final LifecycleModel MODEL = crmModel().build();

    /** The model of the CRM tables, still open for a test to add to. */
    static dev.datalifecycle.core.model.LifecycleModelBuilder crmModel() {
        return LifecycleModel.builder()
            .tenants()
            .type("Customer", t -> t.table("customer").id("id", IdType.LONG).notNull("name").markers("deletion_id", "deleted_at")
                    .tenantColumn("tenant_id").uniqueKey("customer_name", "name").label("name"))
            .type("Contact", t -> t.table("contact").id("id", IdType.LONG).notNull("customer_id").markers("deletion_id", "deleted_at")
                    .tenantVia("customer_id").labelExpression("CONCAT('Contact #', id)"))
            .type("Activity", t -> t.table("activity").id("id", IdType.LONG).notNull("customer_id").nullable("contact_id")
                    .markers("deletion_id", "deleted_at").tenantVia("customer_id"))
            .type("Contract", t -> t.table("contract").id("id", IdType.LONG).notNull("customer_id").nullable("status")
                    .markers("deletion_id", "deleted_at").tenantVia("customer_id"))
            .reference("Contact", "customer_id", "Customer", RuleSpec.of(DeleteRule.CASCADE))
            .reference("Activity", "customer_id", "Customer", RuleSpec.of(DeleteRule.CASCADE))
            .reference("Activity", "contact_id", "Contact", RuleSpec.of(DeleteRule.DETACH))
            .reference("Contract", "customer_id", "Customer", RuleSpec.when(Criteria.eq("status", "CLOSED"), DeleteRule.CASCADE))
            .type("Campaign", t -> t.table("campaign").id("id", IdType.LONG).tenantColumn("tenant_id"))
            .joinTable("Campaign", "campaign_member", "campaign_id", "contact_id", "Contact", RuleSpec.of(DeleteRule.DETACH))
            .elementCollection("Customer", "customer_tag", "customer_id");
    }

    /** Customers, contacts and activities alone, an activity going with its customer and with its contact (two paths). */
    static LifecycleModel withActivitiesGoingWithTheirContact() {
        return LifecycleModel.builder()
                .tenants()
                .type("Customer", t -> t.table("customer").id("id", IdType.LONG).notNull("name").markers("deletion_id", "deleted_at")
                        .tenantColumn("tenant_id"))
                .type("Contact", t -> t.table("contact").id("id", IdType.LONG).notNull("customer_id").markers("deletion_id", "deleted_at")
                        .tenantVia("customer_id"))
                .type("Activity", t -> t.table("activity").id("id", IdType.LONG).notNull("customer_id").nullable("contact_id")
                        .markers("deletion_id", "deleted_at").tenantVia("customer_id"))
                .reference("Contact", "customer_id", "Customer", RuleSpec.of(DeleteRule.CASCADE))
                .reference("Activity", "customer_id", "Customer", RuleSpec.of(DeleteRule.CASCADE))
                .reference("Activity", "contact_id", "Contact", RuleSpec.of(DeleteRule.CASCADE))
                .build();
    }

    /** Customers and their contacts alone, a manager's contacts going with the manager (a self-reference). */
    static LifecycleModel withManagers() {
        return LifecycleModel.builder()
                .tenants()
                .type("Customer", t -> t.table("customer").id("id", IdType.LONG).notNull("name").markers("deletion_id", "deleted_at")
                        .tenantColumn("tenant_id"))
                .type("Contact", t -> t.table("contact").id("id", IdType.LONG).notNull("customer_id").nullable("manager_id")
                        .markers("deletion_id", "deleted_at").tenantVia("customer_id"))
                .reference("Contact", "customer_id", "Customer", RuleSpec.of(DeleteRule.CASCADE))
                .reference("Contact", "manager_id", "Contact", RuleSpec.of(DeleteRule.CASCADE))
                .build();
    }

    @BeforeAll
    static void createSchema(TestDatabase db) throws SQLException {
        db.execute("create table customer (id bigint primary key, tenant_id varchar(20) not null, name varchar(40) not null" + MARKERS,
                "create table contact (id bigint primary key, customer_id bigint not null references customer(id), manager_id bigint" + MARKERS,
                "alter table contact add constraint fk_contact_manager foreign key (manager_id) references contact (id)",
                "create table activity (id bigint primary key, customer_id bigint not null references customer(id),"
                        + " contact_id bigint references contact(id)" + MARKERS,
                "create table contract (id bigint primary key, customer_id bigint not null references customer(id), status varchar(10)" + MARKERS,
                "create table campaign (id bigint primary key, tenant_id varchar(20) not null)",
                "create table campaign_member (campaign_id bigint not null, contact_id bigint not null, primary key (campaign_id, contact_id))",
                "alter table campaign_member add constraint fk_member_campaign foreign key (campaign_id) references campaign (id)",
                "alter table campaign_member add constraint fk_member_contact foreign key (contact_id) references contact (id)",
                "create table customer_tag (customer_id bigint not null references customer (id), tag varchar(20) not null)");
        try (Connection c = db.dataSource().getConnection()) {
            LifecycleSchema.install(c, Dialects.detect(c));
        }
    }

    /**
     * Customer 1: contacts 10, 11 (and 12, deleted earlier), activity 20, closed contract 50. Customer 2:
     * activity 30 names contact 10 (detached when it goes), open contract 53 (blocks customer 2).
     * Campaign 70 has contacts 10 and 11 as members (links detached when a contact goes). Customer 1
     * is tagged vip, customer 2 new (an element collection: the tags go with their customer).
     */
    @BeforeEach
    void data(TestDatabase db) {
        List<String> sql = new ArrayList<>();
        for (String table : new String[] {"lc_detached_link", "lc_deletion_count", "lc_deletion_root", "lc_deletion"}) {
            sql.add("delete from " + table);
        }
        sql.add("update contact set manager_id = null");
        for (String table : TABLES) {
            sql.add("delete from " + table);
        }
        sql.add("delete from campaign");
        sql.addAll(List.of(
                "insert into customer (id, tenant_id, name) values (1, 't1', 'Northwind')",
                "insert into customer (id, tenant_id, name) values (2, 't1', 'Contoso')",
                "insert into contact (id, customer_id) values (10, 1)",
                "insert into contact (id, customer_id) values (11, 1)",
                "insert into contact (id, customer_id, deletion_id, deleted_at) values (12, 1, 'd-earlier', timestamp '2026-11-01 00:00:00')",
                "insert into activity (id, customer_id, contact_id) values (20, 1, 11)",
                "insert into activity (id, customer_id, contact_id) values (30, 2, 10)",
                "insert into contract (id, customer_id, status) values (50, 1, 'CLOSED')",
                "insert into contract (id, customer_id, status) values (53, 2, 'OPEN')",
                "insert into campaign (id, tenant_id) values (70, 't1')",
                "insert into campaign_member (campaign_id, contact_id) values (70, 10)",
                "insert into campaign_member (campaign_id, contact_id) values (70, 11)",
                "insert into customer_tag (customer_id, tag) values (1, 'vip')",
                "insert into customer_tag (customer_id, tag) values (2, 'new')"));
        db.execute(sql.toArray(String[]::new));
    }

    interface Work<T> {
        T run(Connection connection, DeletePlanner planner, RecycleBin bin) throws SQLException;
    }

    /** Runs in one transaction, committed when {@code work} returns, rolled back when it throws. */
    static <T> T inTransaction(TestDatabase db, Work<T> work) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            Dialect dialect = Dialects.detect(c);
            try {
                T result = work.run(c, new DeletePlanner(MODEL, dialect), new RecycleBin(MODEL, dialect, CLOCK));
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    static Dialect dialect(TestDatabase db) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            return Dialects.detect(c);
        }
    }

    static DeletePlan plan(TestDatabase db, long customer) throws SQLException {
        return inTransaction(db, (c, planner, bin) -> planner.plan(c, "Customer", List.of(customer), ALICE));
    }

    static List<String> everything(TestDatabase db) {
        List<String> rows = new ArrayList<>();
        for (String table : TABLES) {
            db.rows("select * from " + table).forEach(r -> rows.add(table + ": " + r));
        }
        db.rows("select id from lc_deletion").forEach(r -> rows.add("lc_deletion: " + r));
        return rows;
    }


    static List<String> hostTables(TestDatabase db) {
        List<String> rows = new ArrayList<>();
        for (String table : TABLES) {
            db.rows("select * from " + table).forEach(r -> rows.add(table + ": " + r));
        }
        return rows;
    }

    static Deletion delete(TestDatabase db, String type, long id, Actor actor) throws SQLException {
        return inTransaction(db, (c, planner, bin) -> bin.delete(c, planner.plan(c, type, List.of(id), actor), actor, "test"));
    }

    static void restore(TestDatabase db, Deletion deletion, Actor actor) throws SQLException {
        inTransaction(db, (c, planner, bin) -> {
            bin.restore(c, deletion.id(), actor);
            return null;
        });
    }

    static void purge(TestDatabase db, Deletion deletion, Actor actor) throws SQLException {
        inTransaction(db, (c, planner, bin) -> {
            bin.purge(c, deletion.id(), actor);
            return null;
        });
    }

    static Exception deleteOrRefusal(TestDatabase db, DeletePlan plan, Runnable afterLocking) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            RecycleBin bin = new RecycleBin(MODEL, Dialects.detect(c), CLOCK);
            bin.afterLocking(afterLocking);
            try {
                bin.delete(c, plan, ALICE, "race");
                c.commit();
                return null;
            } catch (Exception e) {
                c.rollback();
                return e;
            }
        }
    }

    /** A hook for {@code afterLocking} that says it got there and waits until {@code go} opens. */
    static Runnable pauseAt(java.util.concurrent.CountDownLatch locked, java.util.concurrent.CountDownLatch go) {
        return () -> {
            locked.countDown();
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }
}
