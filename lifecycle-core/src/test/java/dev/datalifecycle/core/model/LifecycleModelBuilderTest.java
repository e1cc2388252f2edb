package dev.datalifecycle.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.datalifecycle.api.Criteria;
import dev.datalifecycle.api.DeleteRule;
import dev.datalifecycle.api.InvalidModelException;
import dev.datalifecycle.api.InvalidRequestException;
import dev.datalifecycle.api.RuleSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class LifecycleModelBuilderTest {

    private static LifecycleModelBuilder customerAndContact() {
        return LifecycleModel.builder()
                .type("Customer", t -> t.table("customer").id("id", IdType.LONG).notNull("name").markers("deletion_id", "deleted_at"))
                .type("Contact", t -> t.table("contact").id("id", IdType.LONG).notNull("customer_id").nullable("status")
                        .markers("deletion_id", "deleted_at"));
    }

    @Test
    void everyProblemIsReportedAtOnceNamingTheTypeAndColumn() {
        LifecycleModelBuilder builder = LifecycleModel.builder()
                .tenants()
                .type("Customer", t -> t.table("customer").id("id", IdType.LONG).markers("deletion_id", "deleted_at"))
                .type("Contact", t -> t.table("contact").id("id", IdType.LONG).notNull("customer_id").nullable("manager_id")
                        .markers("deletion_id", "deleted_at").tenantVia("customer_id"))
                .type("Invoice", t -> t.table("invoice").id("id", IdType.LONG).notNull("customer_id").tenantColumn("tenant_id"))
                .reference("Contact", "customer_id", "Customer", RuleSpec.of(DeleteRule.DETACH))
                .reference("Contact", "manager_id", "Employee")
                .reference("Invoice", "customer_id", "Customer", RuleSpec.when(Criteria.eq("state", "PAID"), DeleteRule.CASCADE))
                .reference("Contact", "owner_id", "Customer");

        InvalidModelException e = assertThrows(InvalidModelException.class, builder::build);

        assertEquals(List.of(
                "Contact.customer_id: DETACH needs to set 'customer_id' to NULL, but the column is NOT NULL: use CASCADE, RESTRICT or IGNORE, or make it nullable",
                "Contact.manager_id: references unknown entity type 'Employee'",
                "Invoice.customer_id: conditional rule tests column 'state', which table 'invoice' of Invoice does not declare",
                "Invoice.customer_id: CASCADE would delete Invoice records, but Invoice has no marker columns: declare markers(deletionIdColumn, deletedAtColumn) or use another rule",
                "Contact.owner_id: column 'owner_id' is not a declared column of Contact's tables [contact]: declare it with nullable(...) or notNull(...)",
                "Contact: tenantVia('customer_id') leads to Customer, which has no tenant column: a tenant path is one reference to a type with tenantColumn(...)",
                "Customer: tenants are on but Customer has no tenant: declare tenantColumn(...), tenantVia(...) or global()"),
                e.problems());
        assertEquals("The Data Lifecycle model has 7 problems:\n  - " + String.join("\n  - ", e.problems()), e.getMessage());
    }

    @Test
    void aValidModelKeepsWhatWasDeclared() {
        LifecycleModel model = customerAndContact()
                .reference("Contact", "customer_id", "Customer", RuleSpec.of(DeleteRule.CASCADE))
                .build();
        EntityType contact = model.type("Contact");
        assertEquals("contact", contact.primaryTable().name());
        assertEquals(new Markers("deletion_id", "deleted_at"), contact.markers().orElseThrow());
        assertEquals(List.of("id", "customer_id", "status", "deletion_id", "deleted_at"), List.copyOf(contact.primaryTable().columns().keySet()));
        Dependency d = model.dependenciesOn("Customer").get(0);
        assertEquals("Contact.customer_id", d.name());
        assertEquals("contact", d.table());
        assertEquals(DependencyKind.FOREIGN_KEY, d.kind());
    }

    @Test
    void cascadeCyclesAreLegalThroughOneTypeOrSeveral() {
        LifecycleModel.builder()
                .type("Account", t -> t.table("account").id("id", IdType.LONG).nullable("parent_id").markers("d", "t"))
                .reference("Account", "parent_id", "Account", RuleSpec.of(DeleteRule.CASCADE))
                .build();
        LifecycleModel.builder()
                .type("A", t -> t.table("a").id("id", IdType.LONG).nullable("b_id").markers("d", "t"))
                .type("B", t -> t.table("b").id("id", IdType.UUID).nullable("a_id").markers("d", "t"))
                .reference("A", "b_id", "B", RuleSpec.of(DeleteRule.CASCADE))
                .reference("B", "a_id", "A", RuleSpec.of(DeleteRule.CASCADE))
                .build();
    }

    @Test
    void typesSharingATableNeedDiscriminatorsAndTenantPathsMustNotBeNullable() {
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> LifecycleModel.builder()
                .tenants()
                .type("Party", t -> t.table("party").id("id", IdType.UUID).notNull("tenant_id").tenantColumn("tenant_id"))
                .type("Person", t -> t.table("party").id("id", IdType.UUID).nullable("kind").discriminator("kind", "P").global())
                .type("Note", t -> t.table("note").id("id", IdType.STRING).nullable("party_id").markers("d", "t").tenantVia("party_id"))
                .reference("Note", "party_id", "Party")
                .build());
        assertEquals(List.of(
                "Note: tenantVia('party_id') is a nullable column: a record without it would belong to no tenant; declare it notNull or give Note its own tenantColumn",
                "Party: shares table 'party' with [Person] but has no discriminator: declare discriminator(column, values...)"), e.problems());
    }

    @Test
    void aLabelIsAColumnOfThePrimaryTableOrAnExpression() {
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> LifecycleModel.builder()
                .type("Lead", t -> t.table("lead").id("id", IdType.LONG).nullable("email").markers("d", "t").label("name"))
                .build());
        assertEquals(List.of("Lead: label column 'name' is not a column of lead: declare it with nullable(...) or notNull(...),"
                + " or give an expression"), e.problems());
        LifecycleModel model = LifecycleModel.builder()
                .type("Lead", t -> t.table("lead").id("id", IdType.LONG).nullable("first", "last").markers("d", "t")
                        .labelExpression("CONCAT(first, ' ', last)"))
                .build();
        assertEquals(java.util.Optional.of(Label.ofExpression("CONCAT(first, ' ', last)")), model.type("Lead").label());
    }

    @Test
    void policiesDefaultToThirtyDaysInTheBinAndAreValidated() {
        LifecycleModel model = LifecycleModel.builder()
                .type("Activity", t -> t.table("activity").id("id", IdType.LONG).notNull("created_at").nullable("subject")
                        .markers("d", "t").keepFor(java.time.Period.ofYears(2), "created_at", dev.datalifecycle.api.ExpiryAction.PURGE))
                .type("Lead", t -> t.table("lead").id("id", IdType.LONG).nullable("email").markers("d", "t")
                        .binRetention(java.time.Period.ofDays(60)).personalData("email"))
                .build();
        assertEquals(java.time.Period.ofDays(30), model.type("Activity").policy().binRetention());
        assertEquals(java.time.Period.ofYears(2), model.type("Activity").policy().keepLive().orElseThrow().period());
        assertEquals(java.time.Period.ofDays(60), model.type("Lead").policy().binRetention());
        assertEquals(List.of("email"), model.type("Lead").policy().personalData());

        InvalidModelException e = assertThrows(InvalidModelException.class, () -> LifecycleModel.builder()
                .binRetention(java.time.Period.ZERO)
                .type("Log", t -> t.table("log").id("id", IdType.LONG).markers("d", "t")
                        .keepFor(java.time.Period.ofDays(90), "logged_at", dev.datalifecycle.api.ExpiryAction.ANONYMIZE))
                .build());
        assertEquals(List.of(
                "Log: bin retention P0D must be positive, e.g. P30D",
                "Log: keepFor counts from column 'logged_at', which table 'log' does not declare",
                "Log: keepFor(..., ANONYMIZE) needs the personal-data columns to overwrite: declare personalData(...)"), e.problems());
    }

    @Test
    void conditionalRulesSendUnmatchedRecordsToRestrict() {
        RuleSpec rule = RuleSpec.when(Criteria.eq("status", "CLOSED"), DeleteRule.CASCADE).orWhen(Criteria.isNull("x"), DeleteRule.DETACH);
        assertEquals(DeleteRule.RESTRICT, rule.otherwise());
        assertEquals(java.util.EnumSet.of(DeleteRule.CASCADE, DeleteRule.DETACH, DeleteRule.RESTRICT), rule.possibleRules());
        assertThrows(InvalidRequestException.class,
                () -> new RuleSpec(List.of(new RuleSpec.Branch(Criteria.eq("a", 1), DeleteRule.CASCADE)), DeleteRule.IGNORE));
        assertThrows(InvalidRequestException.class, () -> Criteria.eq("status", null));
        assertThrows(InvalidRequestException.class, () -> Criteria.in("status"));
    }
}
