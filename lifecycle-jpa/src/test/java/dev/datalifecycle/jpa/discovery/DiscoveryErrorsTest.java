package dev.datalifecycle.jpa.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.datalifecycle.api.InvalidModelException;
import dev.datalifecycle.api.annotation.SoftDeletable;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.PersistenceConfiguration;
import java.io.Serializable;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Mappings the library cannot work with fail the boot, naming the entity and what to do. */
class DiscoveryErrorsTest {

    @Entity(name = "Parent")
    @SoftDeletable
    static class Parent {
        @Id
        Long id;
        @OneToMany(mappedBy = "parent", cascade = CascadeType.ALL)
        List<Child> children;
    }

    @Entity(name = "Child")
    static class Child {
        @Id
        Long id;
        @ManyToOne
        Parent parent;
    }

    @Entity(name = "Lead")
    @SoftDeletable
    static class Lead {
        @Id
        Long id;
        @jakarta.persistence.Column(name = "deleted_at")
        java.time.Instant deletedAt;
    }

    @Embeddable
    record LineKey(Long orderId, Integer line) implements Serializable {
    }

    @Entity(name = "OrderLine")
    static class OrderLine {
        @EmbeddedId
        LineKey key;
    }

    /** Hibernate wraps what an integrator throws; the library's exception is the cause. */
    private static InvalidModelException bootFails(PersistenceConfiguration config) {
        Throwable e = assertThrows(RuntimeException.class, config::createEntityManagerFactory);
        while (e != null && !(e instanceof InvalidModelException)) {
            e = e.getCause();
        }
        if (e == null) {
            throw new AssertionError("the boot failed, but not with InvalidModelException");
        }
        return (InvalidModelException) e;
    }

    @Test
    void aCascadeIntoATypeOutsideTheBinAndACompositeIdAreReportedTogether() {
        PersistenceConfiguration config = new PersistenceConfiguration("errors")
                .managedClass(Parent.class).managedClass(Child.class).managedClass(OrderLine.class)
                .property(PersistenceConfiguration.JDBC_URL, "jdbc:h2:mem:discovery_errors")
                .property(PersistenceConfiguration.JDBC_USER, "sa");
        InvalidModelException e = bootFails(config);
        assertEquals(List.of(
                "OrderLine: composite ids (@EmbeddedId, @IdClass) are not supported: give OrderLine a single-column id",
                "Child.parent_id: CASCADE would delete Child records, but Child has no marker columns: "
                        + "declare markers(deletionIdColumn, deletedAtColumn) or use another rule"), e.problems());
    }

    @Test
    void aCascadeFromASoftDeletableParentIntoATypeWithoutMarkersFailsTheBoot() {
        PersistenceConfiguration config = new PersistenceConfiguration("errors")
                .managedClass(Parent.class).managedClass(Child.class)
                .property(PersistenceConfiguration.JDBC_URL, "jdbc:h2:mem:discovery_errors2")
                .property(PersistenceConfiguration.JDBC_USER, "sa");
        InvalidModelException e = bootFails(config);
        assertEquals(List.of("Child.parent_id: CASCADE would delete Child records, but Child has no marker columns: "
                + "declare markers(deletionIdColumn, deletedAtColumn) or use another rule"), e.problems());
    }

    @Test
    void aMarkerMappedAsAWritableAttributeFailsTheBoot() {
        PersistenceConfiguration config = new PersistenceConfiguration("errors")
                .managedClass(Lead.class)
                .property(PersistenceConfiguration.JDBC_URL, "jdbc:h2:mem:discovery_errors5")
                .property(PersistenceConfiguration.JDBC_USER, "sa");
        InvalidModelException e = bootFails(config);
        assertEquals(List.of("Lead.deletedAt maps the marker column deleted_at, which the library writes: map it with"
                + " @Column(insertable = false, updatable = false), or drop the attribute"), e.problems());
    }

    @Test
    void settingsThatNameNothingFailTheBootNamingTheSetting() {
        PersistenceConfiguration config = new PersistenceConfiguration("errors")
                .managedClass(Child.class).managedClass(Parent.class)
                .property(PersistenceConfiguration.JDBC_URL, "jdbc:h2:mem:discovery_errors3")
                .property(PersistenceConfiguration.JDBC_USER, "sa");
        dev.datalifecycle.jpa.LifecycleJpa.configure()
                .softDeletable("Child")
                .rule("Chlid", "parent", dev.datalifecycle.api.DeleteRule.CASCADE)
                .toProperties().forEach(config::property);
        config.property("dev.datalifecycle.entity.Child.rule.id", "CASCADE");
        InvalidModelException e = bootFails(config);
        assertEquals(List.of(
                "Setting dev.datalifecycle.entity.Chlid.rule.parent names no entity or attribute discovery found: check the entity name (its JPA entity name) and the attribute",
                "Setting dev.datalifecycle.entity.Child.rule.id names no entity or attribute discovery found: check the entity name (its JPA entity name) and the attribute"),
                e.problems());
    }

    @Test
    void aRuleThatIsNoRuleIsNamed() {
        PersistenceConfiguration config = new PersistenceConfiguration("errors")
                .managedClass(Child.class).managedClass(Parent.class)
                .property(PersistenceConfiguration.JDBC_URL, "jdbc:h2:mem:discovery_errors4")
                .property(PersistenceConfiguration.JDBC_USER, "sa")
                .property("dev.datalifecycle.entity.Child.soft-deletable", "true")
                .property("dev.datalifecycle.entity.Child.rule.parent", "SOMETIMES");
        InvalidModelException e = bootFails(config);
        assertEquals(List.of("Child.parent: rule 'SOMETIMES' is not one of RESTRICT, CASCADE, DETACH, IGNORE"), e.problems());
    }
}
