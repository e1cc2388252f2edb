package dev.datalifecycle.examples.crm;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceConfiguration;
import java.util.List;
import java.util.Map;

/** The sample CRM's entity classes and how to boot Hibernate on them without a persistence.xml. */
public final class CrmModel {

    /** Every entity of the sample, parents first. */
    public static final List<Class<?>> ENTITIES =
            List.of(User.class, Customer.class, Contact.class, Opportunity.class, Contract.class, Activity.class);

    /** The tables of the sample, children first: the order in which they can be emptied. */
    public static final List<String> TABLES_CHILDREN_FIRST =
            List.of("activity", "contract", "opportunity", "contact", "customer", "crm_user");

    private CrmModel() {
    }

    /**
     * Boots an {@code EntityManagerFactory} on the sample entities. Hibernate drops and creates the
     * sample's tables: point it at a database or schema of its own.
     *
     * @param properties connection settings ({@code jakarta.persistence.jdbc.url} and friends, or a
     *                   {@code jakarta.persistence.nonJtaDataSource}) and any Hibernate setting
     */
    public static EntityManagerFactory boot(Map<String, ?> properties) {
        PersistenceConfiguration config = new PersistenceConfiguration("crm-example");
        ENTITIES.forEach(config::managedClass);
        config.property(PersistenceConfiguration.SCHEMAGEN_DATABASE_ACTION, "drop-and-create");
        properties.forEach(config::property);
        return config.createEntityManagerFactory();
    }
}
