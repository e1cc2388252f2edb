package dev.datalifecycle.jpa;

import dev.datalifecycle.api.spi.TransactionSource;
import dev.datalifecycle.core.model.LifecycleModel;
import java.sql.SQLException;
import org.hibernate.JDBCException;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SessionImplementor;

/**
 * The library's own transactions for a Hibernate host: a session of the factory each, so that what
 * the library changes is forgotten by the second-level and query caches exactly as in a host's
 * session. What Hibernate throws for the database is handed back as the driver's {@link SQLException}.
 */
final class SessionTransactions implements TransactionSource {

    private final SessionFactoryImplementor factory;
    private final LifecycleModel model;

    SessionTransactions(SessionFactoryImplementor factory, LifecycleModel model) {
        this.factory = factory;
        this.model = model;
    }

    @Override
    public <T> T inNewTransaction(Work<T> work) throws SQLException {
        try (SessionImplementor session = (SessionImplementor) factory.openSession()) {
            var transaction = session.getTransaction();
            transaction.begin();
            T result;
            try {
                result = work.run(new SessionTransaction(session, model));
            } catch (JDBCException e) {
                rollback(transaction, e);
                throw sqlOf(e);
            } catch (SQLException | RuntimeException | Error e) {
                rollback(transaction, e);
                throw e;
            }
            try {
                transaction.commit();
            } catch (JDBCException e) {
                throw sqlOf(e);
            }
            return result;
        }
    }

    private static void rollback(org.hibernate.Transaction transaction, Throwable failure) {
        if (transaction.isActive()) {
            try {
                transaction.rollback();
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
    }

    private static SQLException sqlOf(JDBCException e) {
        return e.getSQLException() != null ? e.getSQLException() : new SQLException(e.getMessage(), e);
    }
}
