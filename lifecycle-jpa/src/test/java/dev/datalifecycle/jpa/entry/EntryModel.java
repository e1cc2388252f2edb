package dev.datalifecycle.jpa.entry;

import dev.datalifecycle.api.DeleteRule;
import dev.datalifecycle.api.RuleSpec;
import dev.datalifecycle.api.annotation.BinLabel;
import dev.datalifecycle.api.annotation.SoftDeletable;
import dev.datalifecycle.api.annotation.WhenDeleted;
import dev.datalifecycle.core.model.IdType;
import dev.datalifecycle.core.model.LifecycleModel;
import dev.datalifecycle.testkit.TestDatabase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * The model the entry-point contract runs on, written for it: text ids beside numeric ones, a
 * nullable reference that cascades, a DETACH from a table that is not soft-deletable, a NOT NULL
 * reference that blocks, a join table, and a check constraint the library knows nothing about (a
 * database failure on demand: a contact named {@code frozen} cannot be marked). The same tables are
 * described twice: as Hibernate entities (for {@code LifecycleJpa}) and with the core builder (for
 * {@code LifecycleJdbc}).
 */
final class EntryModel {

    static final List<Class<?>> ENTITIES = List.of(Account.class, Contact.class, Task.class, Contract.class, Tag.class);

    private EntryModel() {
    }

    /** The tables, in plain DDL that H2, PostgreSQL and MariaDB all take. */
    static void createSchema(TestDatabase db) {
        db.execute(
                "create table ep_account (id varchar(36) primary key, name varchar(40), deletion_id varchar(36), deleted_at timestamp)",
                "create table ep_contact (id bigint primary key, account_id varchar(36) references ep_account(id), name varchar(40),"
                        + " deletion_id varchar(36), deleted_at timestamp,"
                        + " constraint ep_contact_not_frozen check (deleted_at is null or name is null or name <> 'frozen'))",
                "create table ep_task (id bigint primary key, contact_id bigint references ep_contact(id), subject varchar(40))",
                "create table ep_contract (id bigint primary key, account_id varchar(36) not null references ep_account(id),"
                        + " status varchar(10))",
                "create table ep_tag (id bigint primary key, label varchar(40))",
                "create table ep_account_tag (account_id varchar(36) not null references ep_account(id),"
                        + " tag_id bigint not null references ep_tag(id), primary key (account_id, tag_id))");
    }

    /** Empties every table, children first. */
    static void empty(TestDatabase db) {
        db.execute("delete from ep_account_tag", "delete from ep_task", "delete from ep_contract", "delete from ep_contact",
                "delete from ep_tag", "delete from ep_account");
    }

    /** The same tables for a JDBC host, with the core builder. */
    static LifecycleModel model() {
        return LifecycleModel.builder()
                .type("Account", t -> t.table("ep_account").id("id", IdType.STRING).nullable("name")
                        .markers("deletion_id", "deleted_at").label("name"))
                .type("Contact", t -> t.table("ep_contact").id("id", IdType.LONG).nullable("account_id", "name")
                        .markers("deletion_id", "deleted_at"))
                .type("Task", t -> t.table("ep_task").id("id", IdType.LONG).nullable("contact_id", "subject"))
                .type("Contract", t -> t.table("ep_contract").id("id", IdType.LONG).notNull("account_id").nullable("status"))
                .type("Tag", t -> t.table("ep_tag").id("id", IdType.LONG).nullable("label"))
                .reference("Contact", "account_id", "Account", RuleSpec.of(DeleteRule.CASCADE))
                .reference("Task", "contact_id", "Contact", RuleSpec.of(DeleteRule.DETACH))
                .reference("Contract", "account_id", "Account", RuleSpec.RESTRICT)
                .joinTable("Account", "ep_account_tag", "account_id", "tag_id", "Tag", RuleSpec.RESTRICT)
                .build();
    }

    @Entity(name = "Account")
    @Table(name = "ep_account")
    @SoftDeletable
    static class Account {
        @Id
        String id;
        @BinLabel
        String name;
        @ManyToMany
        @JoinTable(name = "ep_account_tag", joinColumns = @JoinColumn(name = "account_id"), inverseJoinColumns = @JoinColumn(name = "tag_id"))
        List<Tag> tags = new ArrayList<>();

        protected Account() {
        }
    }

    @Entity(name = "Contact")
    @Table(name = "ep_contact")
    @SoftDeletable
    static class Contact {
        @Id
        Long id;
        String name;
        @ManyToOne(fetch = FetchType.LAZY)
        @JoinColumn(name = "account_id")
        @WhenDeleted(DeleteRule.CASCADE)
        Account account;

        protected Contact() {
        }
    }

    @Entity(name = "Task")
    @Table(name = "ep_task")
    static class Task {
        @Id
        Long id;
        String subject;
        @ManyToOne(fetch = FetchType.LAZY)
        @JoinColumn(name = "contact_id")
        @WhenDeleted(DeleteRule.DETACH)
        Contact contact;

        protected Task() {
        }
    }

    @Entity(name = "Contract")
    @Table(name = "ep_contract")
    static class Contract {
        @Id
        Long id;
        @Column(length = 10)
        String status;
        @ManyToOne(fetch = FetchType.LAZY, optional = false)
        @JoinColumn(name = "account_id", nullable = false)
        Account account;

        protected Contract() {
        }
    }

    @Entity(name = "Tag")
    @Table(name = "ep_tag")
    static class Tag {
        @Id
        Long id;
        String label;

        protected Tag() {
        }
    }
}
