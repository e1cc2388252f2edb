package dev.datalifecycle.jpa;

import dev.datalifecycle.api.UnsupportedDatabaseException;
import dev.datalifecycle.core.sql.Dialect;
import dev.datalifecycle.core.sql.Dialects;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.dialect.H2Dialect;
import org.hibernate.dialect.MariaDBDialect;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * Picks the engine's {@link Dialect} from the Hibernate {@code Dialect} the host's
 * {@code EntityManagerFactory} already resolved, so the library never opens a connection just to
 * ask the database what it is, and agrees with Hibernate about it.
 */
public final class HibernateDialects {

    private HibernateDialects() {
    }

    /**
     * The engine's dialect for a booted Hibernate {@code EntityManagerFactory}.
     *
     * @throws UnsupportedDatabaseException when Hibernate speaks to a database other than H2,
     *                                      PostgreSQL or MariaDB, naming Hibernate's dialect class
     * @throws jakarta.persistence.PersistenceException when the factory is not Hibernate's
     */
    public static Dialect of(EntityManagerFactory entityManagerFactory) {
        org.hibernate.dialect.Dialect hibernate = entityManagerFactory.unwrap(SessionFactoryImplementor.class)
                .getJdbcServices().getDialect();
        String version = hibernate.getVersion().toString();
        // MariaDBDialect extends MySQLDialect, so it is tested before anything MySQL-like.
        if (hibernate instanceof MariaDBDialect) {
            return Dialects.forProduct("MariaDB", version);
        }
        if (hibernate instanceof PostgreSQLDialect) {
            return Dialects.forProduct("PostgreSQL", version);
        }
        if (hibernate instanceof H2Dialect) {
            return Dialects.forProduct("H2", version);
        }
        throw new UnsupportedDatabaseException(hibernate.getClass().getSimpleName() + " " + version,
                "supported are H2 2.x, PostgreSQL and MariaDB (Hibernate's H2Dialect, PostgreSQLDialect, MariaDBDialect)");
    }
}
