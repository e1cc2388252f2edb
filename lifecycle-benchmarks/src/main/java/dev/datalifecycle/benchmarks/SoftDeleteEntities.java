package dev.datalifecycle.benchmarks;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.PersistenceConfiguration;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.SoftDelete;
import org.hibernate.annotations.SoftDeleteType;

/**
 * The plain-JPA baseline of the recycle-bin benchmarks: the {@link BinFixture} tables mapped with
 * Hibernate's own {@code @SoftDelete} (a deleted-at timestamp) and {@code CascadeType.REMOVE}, as a
 * host would without the library. Batch fetching and JDBC batching are on, as a careful host sets them.
 * The to-one associations are EAGER because Hibernate 7.4 refuses LAZY towards a {@code @SoftDelete} entity.
 */
final class SoftDeleteEntities {

    private SoftDeleteEntities() {
    }

    static EntityManagerFactory boot(BenchmarkContext context) {
        return boot(context, "soft-delete-baseline", JpaCustomer.class, JpaContact.class, JpaActivity.class);
    }

    /** A plain-JPA baseline on {@code entities}, tuned as a careful host tunes Hibernate. */
    static EntityManagerFactory boot(BenchmarkContext context, String unit, Class<?>... entities) {
        PersistenceConfiguration config = new PersistenceConfiguration(unit);
        for (Class<?> entity : entities) {
            config.managedClass(entity);
        }
        config.property("hibernate.default_batch_fetch_size", 100)
                .property("hibernate.jdbc.batch_size", BenchmarkContext.BATCH_SIZE)
                .property("hibernate.order_updates", true);
        context.database().jpaProperties().forEach(config::property);
        return config.createEntityManagerFactory();
    }

    @Entity(name = "JpaCustomer")
    @Table(name = "bin_customer")
    @SoftDelete(strategy = SoftDeleteType.TIMESTAMP, columnName = "deleted_at")
    static class JpaCustomer {
        @Id
        Long id;
        @OneToMany(mappedBy = "customer", cascade = CascadeType.REMOVE)
        List<JpaContact> contacts = new ArrayList<>();
        @OneToMany(mappedBy = "customer", cascade = CascadeType.REMOVE)
        List<JpaActivity> activities = new ArrayList<>();
    }

    @Entity(name = "JpaContact")
    @Table(name = "bin_contact")
    @SoftDelete(strategy = SoftDeleteType.TIMESTAMP, columnName = "deleted_at")
    static class JpaContact {
        @Id
        Long id;
        @ManyToOne
        @JoinColumn(name = "customer_id")
        JpaCustomer customer;
        @OneToMany(mappedBy = "contact", cascade = CascadeType.REMOVE)
        List<JpaActivity> activities = new ArrayList<>();
    }

    @Entity(name = "JpaActivity")
    @Table(name = "bin_activity")
    @SoftDelete(strategy = SoftDeleteType.TIMESTAMP, columnName = "deleted_at")
    static class JpaActivity {
        @Id
        Long id;
        @ManyToOne
        @JoinColumn(name = "customer_id")
        JpaCustomer customer;
        @ManyToOne
        @JoinColumn(name = "contact_id")
        JpaContact contact;
    }
}
