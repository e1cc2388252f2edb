package dev.datalifecycle.jpa.reads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.datalifecycle.api.DirectDeleteRefusedException;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceConfiguration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hibernate.resource.jdbc.spi.StatementInspector;
import org.junit.jupiter.api.Test;

/** The host's own statement inspector keeps working beside the library's delete guard. */
class HostStatementInspectorTest {

    /** A host's inspector: records what it saw and tags it. */
    public static final class Recording implements StatementInspector {
        static final List<String> SEEN = new CopyOnWriteArrayList<>();

        @Override
        public String inspect(String sql) {
            SEEN.add(sql);
            return "/* host */ " + sql;
        }
    }

    @Test
    void theHostsInspectorStillSeesTheStatements() {
        PersistenceConfiguration config = new PersistenceConfiguration("host-inspector");
        ReadEntities.ALL.forEach(config::managedClass);
        config.property(PersistenceConfiguration.JDBC_URL, "jdbc:h2:mem:host_inspector;DB_CLOSE_DELAY=-1")
                .property(PersistenceConfiguration.JDBC_USER, "sa")
                .property(PersistenceConfiguration.SCHEMAGEN_DATABASE_ACTION, "create")
                .property("hibernate.session_factory.statement_inspector", Recording.class.getName());
        try (EntityManagerFactory emf = config.createEntityManagerFactory()) {
            Recording.SEEN.clear();
            emf.runInTransaction(em -> em.persist(new ReadEntities.Customer(1L, "Acme")));
            assertEquals(1L, (long) emf.callInTransaction(em -> em.createQuery("select count(c) from Customer c", Long.class).getSingleResult()));
            assertTrue(Recording.SEEN.stream().anyMatch(s -> s.startsWith("insert into r_customer")), Recording.SEEN::toString);
            assertThrows(DirectDeleteRefusedException.class,
                    () -> emf.runInTransaction(em -> em.createQuery("delete from Customer").executeUpdate()));
            assertEquals(1L, (long) emf.callInTransaction(em -> em.createQuery("select count(c) from Customer c", Long.class).getSingleResult()));
        }
    }
}
