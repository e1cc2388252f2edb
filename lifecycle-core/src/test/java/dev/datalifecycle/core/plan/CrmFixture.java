package dev.datalifecycle.core.plan;

import dev.datalifecycle.api.Criteria;
import dev.datalifecycle.api.DeleteRule;
import dev.datalifecycle.api.RuleSpec;
import dev.datalifecycle.core.model.IdType;
import dev.datalifecycle.core.model.LifecycleModel;
import dev.datalifecycle.testkit.TestDatabase;
import java.util.ArrayList;
import java.util.List;

/**
 * A small CRM in plain DDL, written so each shape the planner must handle appears once: cascades two
 * levels deep, a diamond (a note reached through its customer and its contact), a DETACH, a
 * conditional rule (closed contracts cascade, open and unknown ones block), a declared reference from a
 * table without markers
 * that blocks, a join table (UUID ids), an element collection, a self-referencing account hierarchy,
 * String ids, and two tenants.
 */
final class CrmFixture {

    static final String[] TABLES = {"note", "activity", "contract", "customer_tag", "customer_phone", "invoice",
        "contact", "customer", "tag", "region", "account"};

    private CrmFixture() {
    }

    static void createSchema(TestDatabase db) {
        db.execute(
                "create table region (code varchar(8) primary key, name varchar(40) not null)",
                "create table account (id bigint primary key, tenant_id varchar(20) not null, name varchar(40),"
                        + " parent_id bigint references account(id), deletion_id varchar(36), deleted_at timestamp)",
                "create table customer (id bigint primary key, tenant_id varchar(20) not null, name varchar(40) not null,"
                        + " region_code varchar(8) references region(code), deletion_id varchar(36), deleted_at timestamp)",
                "create table contact (id bigint primary key, customer_id bigint not null references customer(id),"
                        + " name varchar(40), deletion_id varchar(36), deleted_at timestamp)",
                "create table activity (id bigint primary key, customer_id bigint not null references customer(id),"
                        + " contact_id bigint references contact(id), subject varchar(40), deletion_id varchar(36), deleted_at timestamp)",
                "create table note (id bigint primary key, tenant_id varchar(20) not null, customer_id bigint references customer(id),"
                        + " contact_id bigint references contact(id), body varchar(40), deletion_id varchar(36), deleted_at timestamp)",
                "create table contract (id bigint primary key, tenant_id varchar(20) not null, customer_id bigint not null references customer(id),"
                        + " status varchar(10), deletion_id varchar(36), deleted_at timestamp)",
                "create table invoice (id bigint primary key, customer_id bigint not null references customer(id), total bigint)",
                "create table tag (id uuid primary key, tenant_id varchar(20) not null, label varchar(40),"
                        + " deletion_id varchar(36), deleted_at timestamp)",
                "create table customer_tag (customer_id bigint not null references customer(id), tag_id uuid not null references tag(id),"
                        + " primary key (customer_id, tag_id))",
                "create table customer_phone (customer_id bigint not null references customer(id), phone varchar(20) not null)");
    }

    static LifecycleModel model() {
        return LifecycleModel.builder()
                .tenants()
                .type("Region", t -> t.table("region").id("code", IdType.STRING).notNull("name").global())
                .type("Account", t -> t.table("account").id("id", IdType.LONG).nullable("name", "parent_id")
                        .markers("deletion_id", "deleted_at").tenantColumn("tenant_id"))
                .type("Customer", t -> t.table("customer").id("id", IdType.LONG).notNull("name").nullable("region_code")
                        .markers("deletion_id", "deleted_at").tenantColumn("tenant_id"))
                .type("Contact", t -> t.table("contact").id("id", IdType.LONG).notNull("customer_id").nullable("name")
                        .markers("deletion_id", "deleted_at").tenantVia("customer_id"))
                .type("Activity", t -> t.table("activity").id("id", IdType.LONG).notNull("customer_id")
                        .nullable("contact_id", "subject").markers("deletion_id", "deleted_at").tenantVia("customer_id"))
                .type("Note", t -> t.table("note").id("id", IdType.LONG).nullable("customer_id", "contact_id", "body")
                        .markers("deletion_id", "deleted_at").tenantColumn("tenant_id"))
                .type("Contract", t -> t.table("contract").id("id", IdType.LONG).notNull("customer_id").nullable("status")
                        .markers("deletion_id", "deleted_at").tenantColumn("tenant_id"))
                .type("Invoice", t -> t.table("invoice").id("id", IdType.LONG).notNull("customer_id").nullable("total"))
                .type("Tag", t -> t.table("tag").id("id", IdType.UUID).nullable("label")
                        .markers("deletion_id", "deleted_at").tenantColumn("tenant_id"))
                .reference("Account", "parent_id", "Account", RuleSpec.of(DeleteRule.CASCADE))
                .reference("Customer", "region_code", "Region")
                .reference("Contact", "customer_id", "Customer", RuleSpec.of(DeleteRule.CASCADE))
                .reference("Activity", "customer_id", "Customer", RuleSpec.of(DeleteRule.CASCADE))
                .reference("Activity", "contact_id", "Contact", RuleSpec.of(DeleteRule.DETACH))
                .reference("Note", "customer_id", "Customer", RuleSpec.of(DeleteRule.CASCADE))
                .reference("Note", "contact_id", "Contact", RuleSpec.of(DeleteRule.CASCADE))
                .reference("Contract", "customer_id", "Customer", RuleSpec.when(Criteria.eq("status", "CLOSED"), DeleteRule.CASCADE))
                .declaredReference("Invoice", "customer_id", "Customer", RuleSpec.RESTRICT)
                .joinTable("Customer", "customer_tag", "customer_id", "tag_id", "Tag", RuleSpec.RESTRICT)
                .elementCollection("Customer", "customer_phone", "customer_id")
                .build();
    }

    static final String TAG_VIP = "00000000-0000-4000-8000-000000000001";
    static final String TAG_OLD = "00000000-0000-4000-8000-000000000002";

    /**
     * Customer 1 (tenant t1): contacts 10, 11 (and 12, already deleted); activities 20 (via contact
     * 10), 21; note 40 reached twice (customer and contact 10), note 41 via contact 11 only
     * (customer_id NULL); contracts 50 CLOSED (cascades), 51 OPEN and 52 NULL (block); invoice 60
     * (blocks); tagged VIP; two phones. Customer 2 (t1) has activity 30 that names contact 10 (detached).
     * Customer 3 is tenant t2's.
     */
    static void insertData(TestDatabase db) {
        db.execute(
                "insert into region values ('EU', 'Europe')",
                "insert into region values ('US', 'Americas')",
                "insert into customer (id, tenant_id, name, region_code) values (1, 't1', 'Northwind', 'EU')",
                "insert into customer (id, tenant_id, name, region_code) values (2, 't1', 'Contoso', 'EU')",
                "insert into customer (id, tenant_id, name, region_code) values (3, 't2', 'Globex', 'US')",
                "insert into contact (id, customer_id, name) values (10, 1, 'Nancy')",
                "insert into contact (id, customer_id, name) values (11, 1, 'Andrew')",
                "insert into contact (id, customer_id, name, deletion_id, deleted_at) values (12, 1, 'Gone', 'd-earlier', current_timestamp)",
                "insert into contact (id, customer_id, name) values (13, 3, 'Hank')",
                "insert into activity (id, customer_id, contact_id, subject) values (20, 1, 10, 'call')",
                "insert into activity (id, customer_id, contact_id, subject) values (21, 1, null, 'task')",
                "insert into activity (id, customer_id, contact_id, subject) values (30, 2, 10, 'intro')",
                "insert into note (id, tenant_id, customer_id, contact_id, body) values (40, 't1', 1, 10, 'both')",
                "insert into note (id, tenant_id, customer_id, contact_id, body) values (41, 't1', null, 11, 'contact only')",
                "insert into contract (id, tenant_id, customer_id, status) values (50, 't1', 1, 'CLOSED')",
                "insert into contract (id, tenant_id, customer_id, status) values (51, 't1', 1, 'OPEN')",
                "insert into contract (id, tenant_id, customer_id, status) values (52, 't1', 1, null)",
                "insert into contract (id, tenant_id, customer_id, status) values (53, 't1', 2, 'OPEN')",
                "insert into invoice values (60, 1, 100)",
                "insert into tag (id, tenant_id, label) values ('" + TAG_VIP + "', 't1', 'VIP')",
                "insert into tag (id, tenant_id, label) values ('" + TAG_OLD + "', 't1', 'old')",
                "insert into customer_tag values (1, '" + TAG_VIP + "')",
                "insert into customer_tag values (2, '" + TAG_VIP + "')",
                "insert into customer_phone values (1, '555-0100')",
                "insert into customer_phone values (1, '555-0101')");
    }

    /** Every row of every table, to prove a plan changed nothing. */
    static List<String> everything(TestDatabase db) {
        List<String> rows = new ArrayList<>();
        for (String table : TABLES) {
            db.rows("select * from " + table).forEach(r -> rows.add(table + ": " + r));
        }
        return rows;
    }
}
