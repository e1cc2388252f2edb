package dev.datalifecycle.jpa.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.datalifecycle.api.Actor;
import dev.datalifecycle.api.DeletePlan;
import dev.datalifecycle.api.DeleteRule;
import dev.datalifecycle.core.model.Dependency;
import dev.datalifecycle.core.model.LifecycleModel;
import dev.datalifecycle.core.plan.DeletePlanner;
import dev.datalifecycle.core.sql.Dialect;
import dev.datalifecycle.jpa.HibernateDialects;
import dev.datalifecycle.jpa.LifecycleJpa;
import dev.datalifecycle.testkit.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Discovery reads the model from Hibernate's mappings (through a naming strategy that prefixes every
 * name, and a quoted table), and the planner works on what it read.
 */
abstract class DiscoveryContract {

    private static final UUID VIP = UUID.fromString("00000000-0000-4000-8000-0000000000f1");
    private static final Actor ALICE = Actor.of("alice", "t1", Set.of());
    private static EntityManagerFactory emf;

    @BeforeAll
    static void boot(TestDatabase db) {
        java.util.Map<String, Object> properties = new java.util.HashMap<>(LifecycleJpa.configure()
                .rule("Deal", "customer", DeleteRule.IGNORE)
                .references("Invoice", "accountId", "Account")
                .toProperties());
        properties.put("hibernate.physical_naming_strategy", PrefixNamingStrategy.class.getName());
        properties.put("hibernate.tenant_identifier_resolver", FixedTenant.class.getName());
        emf = dev.datalifecycle.jpa.TestFactories.boot(db, "discovery", Entities.ALL, properties);
        // The marker columns come from the mapping: the library adds them to each soft-deletable table.
        // What only the database knows: a table written by other code, and a foreign key on a column
        // the mapping does not have. Created before the model is first read, as a migration would be.
        db.execute("create table audit_entry (id bigint primary key, customer_ref bigint)",
                "alter table audit_entry add constraint fk_audit_customer foreign key (customer_ref) references t_Customer (c_id)",
                "create table legacy_link (customer_ref bigint not null, note varchar(20))",
                "alter table legacy_link add constraint fk_legacy_link foreign key (customer_ref) references t_Customer (c_id)",
                "alter table t_Contact add c_legacy_customer bigint",
                "alter table t_Contact add constraint fk_contact_legacy foreign key (c_legacy_customer) references t_Customer (c_id)");
        emf.runInTransaction(em -> {
            Entities.Account root = new Entities.Account(1L, "root", null);
            Entities.Account child = new Entities.Account(2L, "child", root);
            em.persist(root);
            em.persist(child);
            Entities.Country fr = new Entities.Country("FR", "France");
            em.persist(fr);
            Entities.Tag vip = new Entities.Tag(VIP, "VIP");
            em.persist(vip);
            Entities.Customer customer = new Entities.Customer(10L, "Northwind", child);
            customer.address.city = "Paris";
            customer.address.country = fr;
            customer.tags.add(vip);
            customer.phones.add("555-0100");
            em.persist(customer);
            em.persist(new Entities.Contact(100L, customer, "Nancy"));
            em.persist(new Entities.Contact(101L, customer, "Andrew"));
            em.persist(new Entities.Deal(7, customer, 1000L));
            em.persist(new Entities.Contract(50L, customer, Entities.Contract.Status.CLOSED));
            em.persist(new Entities.Contract(51L, customer, Entities.Contract.Status.OPEN));
            em.persist(new Entities.Contract(52L, customer, null));
            em.persist(new Entities.Invoice(60L, 10L, 2L));
            Entities.Contact other = new Entities.Contact(102L, customer, "Janet");
            other.account = root;
            em.persist(other);
            em.persist(new Entities.Person(80L, customer));
            em.persist(new Entities.Truck(90L, root));
        });
        db.execute("insert into audit_entry values (500, 10)", "update t_Contact set c_legacy_customer = 10 where c_id = 100");
    }

    @AfterAll
    static void close() {
        dev.datalifecycle.jpa.TestFactories.close(emf);
    }

    @Test
    void everyReferenceIsReadWithTheNamesHibernateResolvedAndItsDefaultRule() {
        LifecycleModel model = LifecycleJpa.model(emf);
        List<String> dependencies = model.dependencies().stream().map(Dependency::toString).toList();
        assertEquals(List.of(
                "Account.c_parent_id -> Account (FOREIGN_KEY, CASCADE)",
                "Contact.c_account_id -> Account (FOREIGN_KEY, DETACH)",
                "Contact.c_customer_id -> Customer (FOREIGN_KEY, CASCADE)",
                "Contract.c_customer_id -> Customer (FOREIGN_KEY, when c_status IN (CLOSED) then CASCADE; otherwise RESTRICT)",
                "Customer.c_account_id -> Account (FOREIGN_KEY, RESTRICT)",
                "Customer.c_billingCountry_code -> Country (FOREIGN_KEY, RESTRICT)",
                "Customer.c_country_code -> Country (FOREIGN_KEY, RESTRICT)",
                "Customer.t_customer_phone -> Customer (ELEMENT_COLLECTION, CASCADE)",
                "Customer.t_customer_tag -> Tag (JOIN_TABLE, RESTRICT)",
                "Deal.c_customer_id -> Customer (FOREIGN_KEY, IGNORE)",
                "Invoice.c_accountId -> Account (DECLARED_REFERENCE, RESTRICT)",
                "Invoice.c_customerId -> Customer (DECLARED_REFERENCE, RESTRICT)",
                "Memo.c_owning_account_id -> Account (FOREIGN_KEY, RESTRICT)",
                "Person.c_employer_id -> Customer (FOREIGN_KEY, RESTRICT)",
                "Profile.c_customer_id -> Customer (FOREIGN_KEY, CASCADE)",
                "Truck.c_depot_id -> Account (FOREIGN_KEY, RESTRICT)"),
                dependencies.stream().filter(d -> !d.contains("\"")).sorted().toList());
        // From the catalog, in the database's own case (H2 upper-cases unquoted names): compared folded.
        assertEquals(List.of(
                "audit_entry.\"customer_ref\" -> customer (foreign_key, restrict)",
                "contact.\"c_legacy_customer\" -> customer (foreign_key, restrict)"),
                dependencies.stream().filter(d -> d.contains("\"")).map(d -> d.toLowerCase(java.util.Locale.ROOT)).sorted().toList());
        assertEquals("\"t_Deal\"", model.type("Deal").primaryTable().name());
        assertEquals("c_tenant", ((dev.datalifecycle.core.model.Tenancy.ByColumn) model.type("Customer").tenancy()).column());
        assertEquals(new dev.datalifecycle.core.model.Tenancy.ByReference("c_customer_id", "Customer"), model.type("Contact").tenancy());
        assertEquals(new dev.datalifecycle.core.model.Markers("c_deletion_id", "c_deleted_at", "c_retired"), model.type("Tag").markers().orElseThrow());
        assertEquals(new dev.datalifecycle.core.model.Tenancy.ByColumn("c_tenant"), model.type("Tag").tenancy(), "from @Tenant");
        assertEquals(false, model.type("Country").softDeletable());
        assertEquals("c_ownerId", model.type("Customer").ownerColumn());
        assertEquals(List.of("t_Customer", "t_customer_detail"),
                model.type("Customer").tables().stream().map(dev.datalifecycle.core.model.Table::name).toList());
        assertEquals(List.of(List.of("c_label")), model.type("Tag").uniqueKeys().stream().map(k -> k.columns()).toList());
        assertEquals(List.of("t_Party"), model.type("Person").tables().stream().map(dev.datalifecycle.core.model.Table::name).toList());
        assertEquals(new dev.datalifecycle.core.model.Discriminator("c_kind", List.of("P")), model.type("Person").discriminator());
        assertEquals(List.of("t_Vehicle", "t_Truck"), model.type("Truck").tables().stream().map(dev.datalifecycle.core.model.Table::name).toList());
        assertEquals("c_deletion_id", model.type("Truck").markers().orElseThrow().deletionIdColumn());
    }

    private static DeletePlan plan(TestDatabase db, String type, Object id) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            return new DeletePlanner(LifecycleJpa.model(emf), HibernateDialects.of(emf)).plan(c, type, List.of(id), ALICE);
        }
    }

    private static List<String> sorted(List<DeletePlan.Entry> entries) {
        return entries.stream().map(DeletePlan.Entry::toString).sorted().toList();
    }

    @Test
    void theReportWarnsAboutReferenceColumnsNoIndexStartsWith(TestDatabase db) {
        List<String> warnings = LifecycleJpa.report(emf).stream().filter(l -> l.startsWith("WARNING")).toList();
        // A declared reference has no foreign key, so no database indexed it.
        assertEquals(true, warnings.stream().anyMatch(w -> w.startsWith("WARNING no index starts with t_Invoice.c_customerId:")), warnings::toString);
        // A table without a primary key cannot be checked: said so, and left out.
        assertEquals(true, warnings.stream().anyMatch(w -> w.toLowerCase(java.util.Locale.ROOT)
                .startsWith("warning table legacy_link references customer (fk_legacy_link) but has no single-column primary key")), warnings::toString);
        // PostgreSQL does not index foreign keys by itself; H2 and MariaDB do.
        boolean contactWarned = warnings.stream().anyMatch(w -> w.startsWith("WARNING no index starts with t_Contact.c_customer_id:"));
        assertEquals(db.dbms() == dev.datalifecycle.testkit.Dbms.POSTGRESQL, contactWarned, warnings::toString);
    }

    @Test
    void plansOverTheDiscoveredModelFollowTheMappings(TestDatabase db) throws SQLException {
        DeletePlan account = plan(db, "Account", 1L);
        assertEquals("[Account: 2 [1, 2]]", account.deleted().toString());
        assertEquals(List.of("Customer via Customer.c_account_id: 1 [10]", "Invoice via Invoice.c_accountId: 1 [60]",
                "Truck via Truck.c_depot_id: 1 [90]"), sorted(account.blockers()));
        assertEquals("[Contact via Contact.c_account_id: 1 [102]]", account.detached().toString());

        DeletePlan customer = plan(db, "Customer", 10L);
        assertEquals(List.of("Contract via Contract.c_customer_id: 2 [51, 52]", "Invoice via Invoice.c_customerId: 1 [60]",
                "Person via Person.c_employer_id: 1 [80]"),
                sorted(customer.blockers()).stream().filter(b -> !b.toLowerCase(java.util.Locale.ROOT).startsWith("audit_entry")).toList());
        DeletePlan.Entry audit = customer.blockers().stream().filter(b -> b.type().equalsIgnoreCase("audit_entry")).findFirst().orElseThrow();
        assertEquals(List.of(500L), audit.firstIds(), "a table only the catalog knows blocks; contact 100's legacy reference does not, it goes too");

        DeletePlan tag = plan(db, "Tag", VIP);
        assertEquals("[Customer via Customer.t_customer_tag: 1 [10]]", tag.blockers().toString());
    }
}
