package dev.datalifecycle.core.bin;

import dev.datalifecycle.api.Actor;
import dev.datalifecycle.api.Batch;
import dev.datalifecycle.api.BatchReport;
import dev.datalifecycle.api.BinEntry;
import dev.datalifecycle.api.BinMember;
import dev.datalifecycle.api.BinPage;
import dev.datalifecycle.api.BinPurge;
import dev.datalifecycle.api.BinQuery;
import dev.datalifecycle.api.DeletePlan;
import dev.datalifecycle.api.Deletion;
import dev.datalifecycle.api.OutsideReferences;
import dev.datalifecycle.api.PurgeReport;
import dev.datalifecycle.core.model.LifecycleModel;
import dev.datalifecycle.core.sql.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The recycle bin over JDBC: delete into it, restore from it, purge one deletion or the bin. Needs the
 * library's tables ({@link LifecycleSchema}).
 *
 * <p>Each operation comes in two forms. Given a {@code Connection}, it runs inside the caller's
 * transaction and never commits or rolls back the caller's work: on failure it rolls back to a
 * savepoint of its own, so nothing it did remains. Given a {@code DataSource}, it runs in a
 * transaction of its own, committed when it returns.
 *
 * <pre>{@code
 * RecycleBin bin = new RecycleBin(model, dialect, Clock.systemUTC());
 * DeletePlan plan = planner.plan(connection, "Customer", List.of(42L), alice);   // shown to the user
 * Deletion deletion = bin.delete(connection, plan, alice, "duplicate");         // "yes, delete"
 * connection.commit();
 * }</pre>
 *
 * <p>Statements: a fixed number per type and dependency involved, never per record. Collisions with
 * other transactions (deadlock, serialization failure, lock timeout) surface as {@link
 * dev.datalifecycle.api.ConcurrentChangeException}: retrying is safe.
 *
 * <p>It asks no authorizer: the entry point ({@link dev.datalifecycle.api.DataLifecycle}) authorizes
 * each operation once before calling it, and hands restore and purge a {@link Gate} for the root
 * types they learn only once they have locked their deletion.
 */
public final class RecycleBin {

    private final LifecycleModel model;
    private final Dialect dialect;
    private final Clock clock;
    private final EnforcedReferences enforced;
    /** Runs right after an operation has taken its locks: a seam for tests that force interleavings. */
    private volatile Runnable afterLocking = () -> { };

    /** A recycle bin over {@code model} on a {@code dialect} database, with time from {@code clock}. */
    public RecycleBin(LifecycleModel model, Dialect dialect, Clock clock) {
        this.model = Objects.requireNonNull(model, "model");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.enforced = new EnforcedReferences(model);
    }

    /**
     * Deletes what {@code plan} showed, as one deletion: the roots and every CASCADE record are
     * marked with the deletion's id and time, DETACH references are cleared (their old values kept
     * for restore), and the deletion is recorded. Refuses, changing nothing, when something blocks or
     * when what the delete would take is no longer what the plan showed.
     *
     * @throws dev.datalifecycle.api.DeleteBlockedException  when RESTRICT dependencies stand in the way (read with locking reads)
     * @throws dev.datalifecycle.api.StalePlanException      when the records the delete takes, detaches or is blocked by changed
     * @throws dev.datalifecycle.api.RecordNotFoundException when a root is gone or in another tenant
     * @throws dev.datalifecycle.api.AlreadyDeletedException when a root is in the bin already
     * @throws SQLException                                  when the database fails
     */
    public Deletion delete(Connection connection, DeletePlan plan, Actor actor, String reason) throws SQLException {
        return delete(connection, plan, actor, reason, false);
    }

    /** Like {@link #delete(Connection, DeletePlan, Actor, String)}, in a transaction of its own. */
    public Deletion delete(DataSource dataSource, DeletePlan plan, Actor actor, String reason) throws SQLException {
        // The delete is all its transaction does, and a failure rolls that back whole: no savepoint needed.
        return BinTransactions.inOwnTransaction(dataSource, c -> delete(c, plan, actor, reason, true));
    }

    /**
     * Like {@link #delete(Connection, DeletePlan, Actor, String)}, as the only work of a transaction the
     * caller rolls back whole if it fails: no savepoint of its own.
     */
    public Deletion deleteAlone(Connection connection, DeletePlan plan, Actor actor, String reason) throws SQLException {
        return delete(connection, plan, actor, reason, true);
    }

    private Deletion delete(Connection connection, DeletePlan plan, Actor actor, String reason, boolean alone) throws SQLException {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(actor, "actor");
        BinTransactions.requireSupportedIsolation(connection, dialect, "delete");
        return new DeleteOperation(model, dialect, clock, afterLocking).run(connection, plan, actor, reason, alone);
    }

    /**
     * Deletes many records of one type: by ids or by a criteria, in chunks (each its own transaction,
     * so a batch stopped half-way keeps its finished chunks and can simply be run again), or all or
     * nothing in one. Each chunk is planned and deleted set-based as one deletion with several roots
     * (restorable as the batch it was), unless {@link Batch#deletionPerRecord()} asks for one
     * deletion a record. A record that is blocked, missing or deleted already is reported and left
     * alone; the rest of its chunk goes ahead.
     *
     * @return one outcome per record
     * @throws dev.datalifecycle.api.InvalidRequestException when an all-or-nothing batch holds more than its chunk size
     * @throws SQLException             when the database fails
     */
    public BatchReport deleteBatch(DataSource dataSource, Actor actor, String reason, Batch batch) throws SQLException {
        Objects.requireNonNull(dataSource, "dataSource");
        // One connection for the whole batch, one transaction a chunk on it.
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                return deleteBatch(work -> {
                    try {
                        work.run(connection);
                        connection.commit();
                    } catch (SQLException e) {
                        connection.rollback();
                        RuntimeException collided = BinTransactions.concurrent("batch delete", e);
                        if (collided != null) {
                            throw collided;
                        }
                        throw e;
                    } catch (RuntimeException e) {
                        connection.rollback();
                        throw e;
                    }
                }, actor, reason, batch, (c, deletion) -> { });
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    /**
     * Like {@link #deleteBatch(DataSource, Actor, String, Batch)}, each transaction opened by {@code
     * transactions} (an integration's own, e.g. a Hibernate session's), and {@code afterEach} called
     * in the transaction of each deletion made, with its connection.
     */
    public BatchReport deleteBatch(ChunkTransactions transactions, Actor actor, String reason, Batch batch,
            AfterDeletion afterEach) throws SQLException {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(batch, "batch");
        model.type(batch.type());
        // Asked once per connection, not once per chunk: the level is the connection's, and asking is a round trip.
        Connection[] checked = new Connection[1];
        return new BatchDelete(model, dialect, (c, ids, alone) -> {
            if (checked[0] != c) {
                BinTransactions.requireSupportedIsolation(c, dialect, "delete");
                checked[0] = c;
            }
            Deletion deletion = new DeleteOperation(model, dialect, clock, afterLocking).run(c, batch.type(), ids, null, actor, reason, alone);
            afterEach.accept(c, deletion);
            return deletion;
        }).run(transactions, batch);
    }

    /**
     * One page of the recycle bin as {@code actor} sees it: the deletions {@code query} selects, newest
     * first, each with its root's label, its counts per type and its expiry. Three statements a page,
     * whatever the bin holds.
     *
     * @throws dev.datalifecycle.api.InvalidRequestException when the query's cursor is not one a page gave
     * @throws SQLException                                  when the database fails
     */
    public BinPage<BinEntry> list(Connection connection, BinQuery query, Actor actor) throws SQLException {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(actor, "actor");
        return new BinListing(model, dialect).list(connection, query, actor);
    }

    /** Like {@link #list(Connection, BinQuery, Actor)}, on a connection of its own. */
    public BinPage<BinEntry> list(DataSource dataSource, BinQuery query, Actor actor) throws SQLException {
        return BinTransactions.inOwnTransaction(dataSource, c -> list(c, query, actor));
    }

    /**
     * One page of the records of {@code type} that deletion {@code deletionId} took, by id, with their
     * labels; {@code after} is the {@code next()} of the page before, or null.
     *
     * @throws dev.datalifecycle.api.RecordNotFoundException when there is no such deletion in the actor's tenant
     * @throws dev.datalifecycle.api.UnknownEntityTypeException when the model has no such type
     * @throws SQLException                                  when the database fails
     */
    public BinPage<BinMember> members(Connection connection, UUID deletionId, Actor actor, String type, int pageSize, String after)
            throws SQLException {
        Objects.requireNonNull(deletionId, "deletionId");
        Objects.requireNonNull(actor, "actor");
        return new BinListing(model, dialect).members(connection, deletionId, actor, type, pageSize, after);
    }

    /**
     * Restores a deletion whole: exactly the rows it marked come back (not rows an earlier deletion
     * took), and the references it cleared are set again. Checks everything first, with locking reads
     * of the records it needs, and changes nothing when a check fails.
     *
     * @throws dev.datalifecycle.api.RecordNotFoundException  when there is no such deletion in the actor's tenant
     * @throws dev.datalifecycle.api.NotInBinException        when it was restored or purged already
     * @throws dev.datalifecycle.api.RestoreDependsOnDeletionException when one of its records references a
     *                                                        record another deletion holds
     * @throws dev.datalifecycle.api.RestoreConflictException when a live record now holds one of its unique
     *                                                        keys, or a cleared reference was set to something else since
     * @throws SQLException                                   when the database fails
     */
    public void restore(Connection connection, UUID deletionId, Actor actor) throws SQLException {
        restore(connection, deletionId, actor, false);
    }

    /**
     * Restores a deletion whole; with {@code alsoWhatItNeeds}, a deletion holding a record one of its
     * records references is restored first (and so on), all in one go or not at all.
     *
     * @see #restore(Connection, UUID, Actor)
     */
    public void restore(Connection connection, UUID deletionId, Actor actor, boolean alsoWhatItNeeds) throws SQLException {
        restore(connection, deletionId, actor, alsoWhatItNeeds, Gate.OPEN);
    }

    /**
     * Restores a deletion (and, with {@code alsoWhatItNeeds}, what it needs), asking {@code gate} for
     * each deletion right after locking it, before anything changes.
     *
     * @return the deletions restored, in the order they were, and their records per type as they recorded them
     * @see #restore(Connection, UUID, Actor)
     */
    public dev.datalifecycle.api.RestoreReport restore(Connection connection, UUID deletionId, Actor actor, boolean alsoWhatItNeeds, Gate gate) throws SQLException {
        Objects.requireNonNull(deletionId, "deletionId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(gate, "gate");
        BinTransactions.requireSupportedIsolation(connection, dialect, "restore");
        return new RestoreOperation(model, dialect, clock, afterLocking).run(connection, deletionId, actor, alsoWhatItNeeds, gate);
    }



    /** Like {@link #restore(Connection, UUID, Actor)}, in a transaction of its own. */
    public void restore(DataSource dataSource, UUID deletionId, Actor actor) throws SQLException {
        BinTransactions.inOwnTransaction(dataSource, c -> {
            restore(c, deletionId, actor);
            return null;
        });
    }

    /**
     * Deletes a deletion's records for good, children before parents, with the link and collection
     * rows of its records; what stays is its tombstone (state PURGED, counts kept, label erased).
     * Refuses, changing nothing, when records outside the deletion still reference its records.
     *
     * @throws dev.datalifecycle.api.RecordNotFoundException when there is no such deletion in the actor's tenant
     * @throws dev.datalifecycle.api.NotInBinException       when it was restored or purged already
     * @throws dev.datalifecycle.api.PurgeBlockedException   when live records, or records of another
     *                                                       deletion, reference its records
     * @throws SQLException                                  when the database fails
     */
    public void purge(Connection connection, UUID deletionId, Actor actor) throws SQLException {
        purge(connection, deletionId, actor, OutsideReferences.REFUSE);
    }

    /**
     * Deletes a deletion's records for good, doing {@code outside} about records outside it that
     * reference them.
     *
     * @see #purge(Connection, UUID, Actor)
     */
    public void purge(Connection connection, UUID deletionId, Actor actor, OutsideReferences outside) throws SQLException {
        purge(connection, deletionId, actor, outside, Gate.OPEN);
    }

    /**
     * Purges a deletion, asking {@code gate} right after locking it, before anything changes.
     *
     * @return how many records of each type went, as the deletion recorded them
     * @see #purge(Connection, UUID, Actor)
     */
    public Map<String, Long> purge(Connection connection, UUID deletionId, Actor actor, OutsideReferences outside, Gate gate)
            throws SQLException {
        Objects.requireNonNull(deletionId, "deletionId");
        Objects.requireNonNull(gate, "gate");
        BinTransactions.requireSupportedIsolation(connection, dialect, "purge");
        return new PurgeOperation(model, dialect, clock, afterLocking, enforced)
                .run(connection, List.of(deletionId), actor, outside, false, gate).records();
    }

    /** Like {@link #purge(Connection, UUID, Actor)}, in a transaction of its own. */
    public void purge(DataSource dataSource, UUID deletionId, Actor actor) throws SQLException {
        BinTransactions.inOwnTransaction(dataSource, c -> {
            purge(c, deletionId, actor);
            return null;
        });
    }

    /**
     * Purges deletions from the actor's bin in chunks, each chunk in a transaction of its own and
     * set-based (its statements depend on the types involved, not on its deletions or records). A
     * deletion that records outside the chunk still reference is left in the bin and reported; it is
     * tried again after the other chunks, once what blocked it may be gone. An actor without a tenant
     * purges every tenant's bin (a scheduled job). Stopped half-way, a purge keeps the chunks it
     * committed; the next one carries on.
     *
     * @throws SQLException when the database fails
     */
    public PurgeReport purgeBin(DataSource dataSource, Actor actor, BinPurge purge) throws SQLException {
        return purgeBin(work -> BinTransactions.inOwnTransaction(dataSource, c -> {
            work.run(c);
            return null;
        }), actor, purge, AfterPurge.NOTHING);
    }

    /**
     * Like {@link #purgeBin(DataSource, Actor, BinPurge)}, each transaction opened by {@code chunks}, and
     * {@code watcher} told of each chunk before it is purged, in its transaction.
     */
    public PurgeReport purgeBin(ChunkTransactions chunks, Actor actor, BinPurge purge, AfterPurge watcher) throws SQLException {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(purge, "purge");
        return new BinSweeper(dialect, clock, new PurgeOperation(model, dialect, clock, afterLocking, enforced))
                .sweep(chunks, actor, purge, model.tenants(), watcher);
    }

    /**
     * Puts the records of {@code type} that the host deleted before it adopted the library (the
     * adopted deleted flag or timestamp set, no deletion id) into the bin as one deletion, in the
     * actor's tenant: from then on the library treats them as the host does, and they can be restored
     * or purged like any deletion. Nothing cascades: only those rows are taken. Returns the deletion
     * (its root ids are not repeated: every adopted record is a root, listed in
     * {@code lc_deletion_root}), or {@code null} when there was nothing to adopt.
     *
     * @throws dev.datalifecycle.api.InvalidRequestException when the type has no marker columns
     * @throws SQLException                                when the database fails
     */
    public Deletion adoptEarlierDeletions(Connection connection, String type, Actor actor, String reason) throws SQLException {
        Objects.requireNonNull(actor, "actor");
        var entityType = model.type(type);
        BinTransactions.requireSupportedIsolation(connection, dialect, "adoption");
        return new AdoptOperation(model, dialect, clock).run(connection, entityType, actor, reason);
    }

    /** Like {@link #adoptEarlierDeletions(Connection, String, Actor, String)}, in a transaction of its own. */
    public Deletion adoptEarlierDeletions(DataSource dataSource, String type, Actor actor, String reason) throws SQLException {
        return BinTransactions.inOwnTransaction(dataSource, c -> adoptEarlierDeletions(c, type, actor, reason));
    }

    /** For tests: {@code hook} runs after each operation has taken its locks, before it changes anything. */
    void afterLocking(Runnable hook) {
        this.afterLocking = Objects.requireNonNull(hook, "hook");
    }
}
