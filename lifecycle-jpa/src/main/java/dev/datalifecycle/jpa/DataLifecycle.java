package dev.datalifecycle.jpa;

import dev.datalifecycle.api.Actor;
import dev.datalifecycle.api.DeletePlan;
import dev.datalifecycle.api.Deletion;
import dev.datalifecycle.api.LifecycleException;
import dev.datalifecycle.core.bin.RecycleBin;
import dev.datalifecycle.core.model.LifecycleModel;
import dev.datalifecycle.core.plan.DeletePlanner;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SessionImplementor;

/**
 * The library for a Hibernate application: plan, delete into the recycle bin, restore and delete for
 * good, with the semantics of {@link RecycleBin} and {@link DeletePlanner}. Built once from the
 * booted factory by {@link LifecycleJpa#builder}, and safe to share between threads.
 *
 * <p>Each operation runs in a transaction of its own, or, through {@link #with(EntityManager)}, in
 * the transaction of the host's {@code EntityManager}: flushed first, so the plan sees its pending
 * changes, with the library's SQL on the same connection, so the host's rollback undoes the delete.
 * Afterwards what the library changed behind Hibernate's back is forgotten: deleted records and
 * records whose reference was cleared or set again leave that {@code EntityManager}, and the
 * second-level and query caches drop what they hold of the tables touched.
 *
 * <pre>{@code
 * DataLifecycle lifecycle = LifecycleJpa.builder(entityManagerFactory).build();
 * DeletePlan plan = lifecycle.plan(Customer.class, 42L, alice);
 * Deletion deletion = lifecycle.delete(plan, alice, "duplicate");
 * lifecycle.restore(deletion.id(), alice);
 *
 * lifecycle.with(em).delete(plan, alice, "duplicate");   // inside the host's transaction
 * }</pre>
 */
public final class DataLifecycle {

    private final SessionFactoryImplementor factory;
    private final LifecycleModel model;
    private final DeletePlanner planner;
    private final RecycleBin bin;
    private final EntityManager entityManager;

    DataLifecycle(SessionFactoryImplementor factory, LifecycleModel model, DeletePlanner planner, RecycleBin bin,
            EntityManager entityManager) {
        this.factory = factory;
        this.model = model;
        this.planner = planner;
        this.bin = bin;
        this.entityManager = entityManager;
    }

    /**
     * The same operations, run in {@code entityManager}'s transaction, which must be active; they
     * never commit it.
     */
    public DataLifecycle with(EntityManager entityManager) {
        Objects.requireNonNull(entityManager, "entityManager");
        return new DataLifecycle(factory, model, planner, bin, entityManager);
    }

    /** The model read from the mappings and the catalog. */
    public LifecycleModel model() {
        return model;
    }

    /** What deleting the record of {@code type} with {@code id} would take, detach and be blocked by; changes nothing. */
    public DeletePlan plan(Class<?> type, Object id, Actor actor) {
        return plan(typeName(type), id, actor);
    }

    /** As {@link #plan(Class, Object, Actor)}, by the type's entity name. */
    public DeletePlan plan(String type, Object id, Actor actor) {
        return run((connection, session) -> planner.plan(connection, type, List.of(id), actor));
    }

    /**
     * Deletes what {@code plan} showed into the recycle bin, as one deletion; refuses a plan that went
     * stale (see {@link RecycleBin#delete(Connection, DeletePlan, Actor, String)}).
     */
    public Deletion delete(DeletePlan plan, Actor actor, String reason) {
        return run((connection, session) -> {
            Deletion deletion = bin.delete(connection, plan, actor, reason);
            Forgetting.of(session, connection, model, deletion.id()).run();
            return deletion;
        });
    }

    /** Brings deletion {@code deletionId} back whole (see {@link RecycleBin#restore(Connection, UUID, Actor, boolean)}). */
    public void restore(UUID deletionId, Actor actor) {
        restore(deletionId, actor, false);
    }

    /**
     * As {@link #restore(UUID, Actor)}; with {@code alsoWhatItNeeds}, the deletions holding records it
     * references are restored first, in the same step.
     */
    public void restore(UUID deletionId, Actor actor, boolean alsoWhatItNeeds) {
        run((connection, session) -> {
            // What to forget is read before the restore clears the markers that say it.
            Forgetting forgetting = Forgetting.of(session, connection, model, deletionId);
            bin.restore(connection, deletionId, actor, alsoWhatItNeeds);
            forgetting.run();
            return null;
        });
    }

    /** Deletes deletion {@code deletionId} for good, leaving its tombstone (see {@link RecycleBin#purge(Connection, UUID, Actor)}). */
    public void purge(UUID deletionId, Actor actor) {
        run((connection, session) -> {
            Forgetting forgetting = Forgetting.of(session, connection, model, deletionId);
            bin.purge(connection, deletionId, actor);
            forgetting.run();
            return null;
        });
    }

    /**
     * Deletes many records of one type, with an outcome per record (see {@link
     * RecycleBin#deleteBatch(javax.sql.DataSource, Actor, String, dev.datalifecycle.core.bin.Batch)}): each chunk in a
     * transaction of its own, or, through {@link #with(EntityManager)}, all of them in the host's.
     */
    public dev.datalifecycle.api.BatchReport deleteBatch(dev.datalifecycle.core.bin.Batch batch, Actor actor, String reason) {
        SessionImplementor[] current = new SessionImplementor[1];
        dev.datalifecycle.core.bin.ChunkTransactions transactions = work -> run((connection, session) -> {
            current[0] = session;
            if (entityManager == null) {
                work.run(connection);
                return null;
            }
            // In the host's transaction a chunk cannot commit or roll back: a savepoint stands in, so
            // an all-or-nothing batch that is refused leaves the host's transaction as it was.
            java.sql.Savepoint savepoint = connection.setSavepoint();
            try {
                work.run(connection);
                connection.releaseSavepoint(savepoint);
            } catch (SQLException | RuntimeException e) {
                connection.rollback(savepoint);
                throw e;
            }
            return null;
        });
        try {
            return bin.deleteBatch(transactions, actor, reason, batch,
                    (connection, deletion) -> Forgetting.of(current[0], connection, model, deletion.id()).run());
        } catch (SQLException e) {
            throw new LifecycleException("The batch delete failed: " + e.getMessage(), e);
        }
    }

    /**
     * One page of the recycle bin, newest first, each deletion with its root's label, counts and expiry
     * (see {@link RecycleBin#list(Connection, dev.datalifecycle.api.BinQuery)}).
     */
    public dev.datalifecycle.api.BinPage<dev.datalifecycle.api.BinEntry> list(dev.datalifecycle.api.BinQuery query) {
        return run((connection, session) -> bin.list(connection, query));
    }

    /**
     * One page of the records of {@code type} that deletion {@code deletionId} took, by id; {@code after}
     * is the {@code next()} of the page before, or null.
     */
    public dev.datalifecycle.api.BinPage<dev.datalifecycle.api.BinMember> members(UUID deletionId, Actor actor, String type, int pageSize,
            String after) {
        return run((connection, session) -> bin.members(connection, deletionId, actor, type, pageSize, after));
    }

    private String typeName(Class<?> type) {
        try {
            return factory.getJpaMetamodel().entity(type).getName();
        } catch (IllegalArgumentException e) {
            throw new dev.datalifecycle.api.UnknownEntityTypeException(type.getName(), model.types().keySet());
        }
    }

    /** Work on the JDBC connection of a session in a transaction. */
    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection, SessionImplementor session) throws SQLException;
    }

    private <T> T run(Work<T> work) {
        if (entityManager != null) {
            return joined(entityManager, work);
        }
        return ((EntityManagerFactory) factory).callInTransaction(em -> joined(em, work));
    }

    private static <T> T joined(EntityManager entityManager, Work<T> work) {
        SessionImplementor session = entityManager.unwrap(SessionImplementor.class);
        if (!session.isTransactionInProgress()) {
            throw new LifecycleException("The EntityManager given to DataLifecycle.with(...) has no active transaction: begin one"
                    + " first, or call the operation on DataLifecycle itself to have it run in a transaction of its own");
        }
        session.flush();
        return session.doReturningWork(connection -> work.run(connection, session));
    }
}
