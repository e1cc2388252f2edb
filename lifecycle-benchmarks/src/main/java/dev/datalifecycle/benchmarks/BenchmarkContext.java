package dev.datalifecycle.benchmarks;

import dev.datalifecycle.examples.crm.CrmModel;
import dev.datalifecycle.testkit.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.util.Map;
import javax.sql.DataSource;

/**
 * What a benchmark works with: an isolated database, the scale, and a Hibernate
 * {@code EntityManagerFactory} on the sample CRM configured as a careful host would (JDBC batching
 * on, inserts and updates ordered), booted on first use.
 */
public final class BenchmarkContext implements AutoCloseable {

    /** Rows per JDBC batch, for Hibernate and for hand-written JDBC alike, so neither wins by tuning. */
    public static final int BATCH_SIZE = 500;

    private final TestDatabase database;
    private final int scale;
    private EntityManagerFactory entityManagerFactory;
    private final Map<String, AutoCloseable> shared = new java.util.LinkedHashMap<>();

    BenchmarkContext(TestDatabase database, int scale) {
        this.database = database;
        this.scale = scale;
    }

    /** The isolated database this run owns. */
    public TestDatabase database() {
        return database;
    }

    /** The counted data source of {@link #database()}. */
    public DataSource dataSource() {
        return database.dataSource();
    }

    /** The scale the operation runs at; each benchmark says what it counts. */
    public int scale() {
        return scale;
    }

    /** Hibernate on the sample CRM, tables created on first use. */
    public synchronized EntityManagerFactory entityManagerFactory() {
        if (entityManagerFactory == null) {
            Map<String, Object> properties = database.jpaProperties();
            properties.put("hibernate.jdbc.batch_size", BATCH_SIZE);
            properties.put("hibernate.order_inserts", true);
            properties.put("hibernate.order_updates", true);
            // The sample CRM is soft-deletable for the example app; here it is the plain-JPA baseline.
            properties.put("dev.datalifecycle.enabled", "false");
            entityManagerFactory = CrmModel.boot(properties);
        }
        return entityManagerFactory;
    }

    /**
     * Something several benchmarks of a run share (a factory, filled tables), made by the first that
     * asks and closed with the context.
     */
    @SuppressWarnings("unchecked")
    public synchronized <T extends AutoCloseable> T shared(String key, java.util.function.Supplier<T> make) {
        return (T) shared.computeIfAbsent(key, k -> make.get());
    }

    @Override
    public synchronized void close() {
        if (entityManagerFactory != null) {
            entityManagerFactory.close();
        }
        for (AutoCloseable each : shared.values()) {
            try {
                each.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not close " + each, e);
            }
        }
    }
}
