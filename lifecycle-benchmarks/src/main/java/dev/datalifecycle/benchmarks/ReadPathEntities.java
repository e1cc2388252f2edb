package dev.datalifecycle.benchmarks;

import dev.datalifecycle.api.annotation.SoftDeletable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
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
 * The same customer and contact mapped three times, on tables of their own: with no restriction at
 * all (holding only the live rows), with the library's ({@code @SoftDeletable}), and with Hibernate's
 * {@code @SoftDelete}, whose contact-to-customer reference must be EAGER (Hibernate 7.4 refuses LAZY
 * towards a {@code @SoftDelete} entity). The insert-guard benchmark's parents and children too, with
 * and without the library.
 */
final class ReadPathEntities {

    private ReadPathEntities() {
    }

    static final List<Class<?>> ALL = List.of(PlainCustomer.class, PlainContact.class, LcCustomer.class, LcContact.class,
            SdCustomer.class, SdContact.class, GuardedParent.class, GuardedChild.class, PlainParent.class, PlainChild.class);

    static EntityManagerFactory boot(BenchmarkContext context) {
        PersistenceConfiguration config = new PersistenceConfiguration("read-paths");
        ALL.forEach(config::managedClass);
        config.property(PersistenceConfiguration.SCHEMAGEN_DATABASE_ACTION, "create")
                .property("hibernate.jdbc.batch_size", BenchmarkContext.BATCH_SIZE)
                .property("hibernate.order_inserts", true);
        context.database().jpaProperties().forEach(config::property);
        return config.createEntityManagerFactory();
    }

    @Entity(name = "PlainCustomer")
    @Table(name = "rp_plain_customer")
    static class PlainCustomer {
        @Id
        Long id;
        String name;
        @OneToMany(mappedBy = "customer")
        List<PlainContact> contacts = new ArrayList<>();
    }

    @Entity(name = "PlainContact")
    @Table(name = "rp_plain_contact", indexes = @Index(columnList = "customer_id"))
    static class PlainContact {
        @Id
        Long id;
        String name;
        @ManyToOne(fetch = FetchType.LAZY)
        @JoinColumn(name = "customer_id")
        PlainCustomer customer;
    }

    @Entity(name = "LcCustomer")
    @Table(name = "rp_lc_customer")
    @SoftDeletable
    static class LcCustomer {
        @Id
        Long id;
        String name;
        @OneToMany(mappedBy = "customer")
        List<LcContact> contacts = new ArrayList<>();
    }

    @Entity(name = "LcContact")
    @Table(name = "rp_lc_contact", indexes = @Index(columnList = "customer_id"))
    @SoftDeletable
    static class LcContact {
        @Id
        Long id;
        String name;
        @ManyToOne(fetch = FetchType.LAZY)
        @JoinColumn(name = "customer_id")
        LcCustomer customer;
    }

    @Entity(name = "SdCustomer")
    @Table(name = "rp_sd_customer")
    @SoftDelete(strategy = SoftDeleteType.TIMESTAMP, columnName = "deleted_at")
    static class SdCustomer {
        @Id
        Long id;
        String name;
        @OneToMany(mappedBy = "customer")
        List<SdContact> contacts = new ArrayList<>();
    }

    @Entity(name = "SdContact")
    @Table(name = "rp_sd_contact", indexes = @Index(columnList = "customer_id"))
    @SoftDelete(strategy = SoftDeleteType.TIMESTAMP, columnName = "deleted_at")
    static class SdContact {
        @Id
        Long id;
        String name;
        @ManyToOne
        @JoinColumn(name = "customer_id")
        SdCustomer customer;
    }

    @Entity(name = "GuardedParent")
    @Table(name = "ig_parent")
    @SoftDeletable
    static class GuardedParent {
        @Id
        Long id;
    }

    @Entity(name = "GuardedChild")
    @Table(name = "ig_child")
    static class GuardedChild {
        @Id
        Long id;
        @Column(length = 40)
        String name;
        @ManyToOne(fetch = FetchType.LAZY)
        @JoinColumn(name = "parent_id")
        GuardedParent parent;

        GuardedChild() {
        }

        GuardedChild(Long id, String name, GuardedParent parent) {
            this.id = id;
            this.name = name;
            this.parent = parent;
        }
    }

    @Entity(name = "PlainParent")
    @Table(name = "ig_plain_parent")
    static class PlainParent {
        @Id
        Long id;
    }

    @Entity(name = "PlainChild")
    @Table(name = "ig_plain_child")
    static class PlainChild {
        @Id
        Long id;
        @Column(length = 40)
        String name;
        @ManyToOne(fetch = FetchType.LAZY)
        @JoinColumn(name = "parent_id")
        PlainParent parent;

        PlainChild() {
        }

        PlainChild(Long id, String name, PlainParent parent) {
            this.id = id;
            this.name = name;
            this.parent = parent;
        }
    }
}
