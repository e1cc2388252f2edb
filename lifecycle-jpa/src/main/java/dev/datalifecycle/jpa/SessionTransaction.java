package dev.datalifecycle.jpa;

import dev.datalifecycle.api.InvalidRequestException;
import dev.datalifecycle.api.HostTransaction;
import dev.datalifecycle.core.model.LifecycleModel;
import java.sql.Connection;
import java.util.List;
import java.util.UUID;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.engine.spi.TransactionCompletionCallbacks.AfterCompletionCallback;

/**
 * A Hibernate session's transaction as the library sees it: its connection, flushed first so the
 * library's statements see the session's pending changes; completion told through an
 * after-completion callback on the session's action queue (where Envers registers its work); and, for each
 * deletion the library changes, the session's and the second-level caches' copies of its records
 * forgotten ({@link Forgetting}).
 */
final class SessionTransaction implements HostTransaction {

    private final SessionImplementor session;
    private final LifecycleModel model;

    SessionTransaction(SessionImplementor session, LifecycleModel model) {
        this.session = session;
        this.model = model;
    }

    @Override
    public Connection connection() {
        if (!session.isOpen() || !session.isTransactionInProgress()) {
            throw new InvalidRequestException("The EntityManager given to LifecycleJpa.transactionOf(...) has no active transaction:"
                    + " begin one first, or call the operation on DataLifecycle itself to have it run in a transaction of its own");
        }
        session.flush();
        return session.getJdbcCoordinator().getLogicalConnection().getPhysicalConnection();
    }

    /**
     * Tells {@code listener} how the session's transaction in progress ends. Given while none is in
     * progress (the one it was meant for ended already), it is never told: on the action queue it would
     * wait for the session's next transaction and be told that one's outcome.
     */
    @Override
    public void afterCompletion(Completion listener) {
        java.util.Objects.requireNonNull(listener, "listener");
        if (!session.isOpen() || !session.isTransactionInProgress()) {
            return;
        }
        session.getActionQueue().registerCallback((AfterCompletionCallback) (success, s) -> listener.completed(success));
    }

    @Override
    public Runnable changing(List<UUID> deletionIds) throws java.sql.SQLException {
        return Forgetting.of(session, session.getJdbcCoordinator().getLogicalConnection().getPhysicalConnection(), model, deletionIds)::run;
    }
}
