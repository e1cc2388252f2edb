package dev.datalifecycle.core.internal;

import dev.datalifecycle.api.Actor;
import dev.datalifecycle.api.Batch;
import dev.datalifecycle.api.BatchReport;
import dev.datalifecycle.api.BinEntry;
import dev.datalifecycle.api.BinMember;
import dev.datalifecycle.api.BinPage;
import dev.datalifecycle.api.BinPurge;
import dev.datalifecycle.api.BinQuery;
import dev.datalifecycle.api.ConcurrentChangeException;
import dev.datalifecycle.api.DataLifecycle;
import dev.datalifecycle.api.DatabaseException;
import dev.datalifecycle.api.DeletePlan;
import dev.datalifecycle.api.Deletion;
import dev.datalifecycle.api.InvalidRequestException;
import dev.datalifecycle.api.LifecycleException;
import dev.datalifecycle.api.MemberQuery;
import dev.datalifecycle.api.Operation;
import dev.datalifecycle.api.PurgeOptions;
import dev.datalifecycle.api.PurgeReport;
import dev.datalifecycle.api.RestoreOptions;
import dev.datalifecycle.api.RestoreReport;
import dev.datalifecycle.api.spi.Authorizer;
import dev.datalifecycle.api.HostTransaction;
import dev.datalifecycle.api.spi.TransactionSource;
import dev.datalifecycle.core.bin.ChunkTransactions;
import dev.datalifecycle.core.bin.Gate;
import dev.datalifecycle.core.bin.RecycleBin;
import dev.datalifecycle.core.model.LifecycleModel;
import dev.datalifecycle.core.plan.DeletePlanner;
import dev.datalifecycle.core.sql.Dialect;
import dev.datalifecycle.core.sql.SqlFailures;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The engine behind every {@link DataLifecycle}, whichever builder made it: authorizes each
 * operation once, runs it in a transaction of its own (from the {@link TransactionSource}) or in the
 * host's, tells the transaction which deletions changed (so an integration forgets what it caches),
 * and turns what the database throws into {@link DatabaseException} or {@link ConcurrentChangeException}.
 */
public final class Engine implements DataLifecycle {

    /** The one shared state of an engine and the engines {@link #with} derives from it. */
    private record Parts(LifecycleModel model, DeletePlanner planner, RecycleBin bin, Authorizer authorizer, TransactionSource source,
            Function<Class<?>, String> typeNames) {
    }

    private final Parts parts;
    /** The host's transaction the operations join, or null: each in a transaction of its own. */
    private final HostTransaction joined;

    /**
     * @param typeNames the model's type name for a class, or an {@link dev.datalifecycle.api.UnknownEntityTypeException}
     */
    public Engine(LifecycleModel model, Dialect dialect, Clock clock, Authorizer authorizer, TransactionSource source,
            Function<Class<?>, String> typeNames) {
        this(new Parts(model, new DeletePlanner(model, dialect), new RecycleBin(model, dialect, clock), authorizer, source, typeNames),
                null);
    }

    private Engine(Parts parts, HostTransaction joined) {
        this.parts = parts;
        this.joined = joined;
    }

    @Override
    public DataLifecycle with(HostTransaction transaction) {
        return new Engine(parts, Objects.requireNonNull(transaction, "transaction"));
    }

    @Override
    public DeletePlan plan(String type, Object id, Actor actor) {
        if (id == null) {
            throw new InvalidRequestException("No " + type + " id given to plan: the id is null");
        }
        return plan(type, List.of(id), actor);
    }

    @Override
    public DeletePlan plan(Class<?> type, Object id, Actor actor) {
        return plan(parts.typeNames().apply(Objects.requireNonNull(type, "type")), id, actor);
    }

    @Override
    public DeletePlan plan(String type, Collection<?> ids, Actor actor) {
        Objects.requireNonNull(ids, "ids");
        authorize(actor, Operation.PLAN, parts.model().type(type).name());
        return run("plan", null, (tx, alone) -> parts.planner().plan(tx.connection(), type, ids, actor));
    }

    @Override
    public BinPage<Object> planned(DeletePlan plan, Actor actor, MemberQuery query) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(query, "query");
        authorize(actor, Operation.PLAN, plan.rootType());
        Object after = query.after() == null ? null : parts.model().type(query.type()).idType().parse(query.after());
        return run("paging of a plan", null, (tx, alone) -> {
            // One more than a page, to know whether another follows.
            List<Object> ids = parts.planner().deletedIds(tx.connection(), plan, query.type(), after, query.pageSize() + 1, actor);
            boolean more = ids.size() > query.pageSize();
            List<Object> page = more ? ids.subList(0, query.pageSize()) : ids;
            return new BinPage<>(page, more ? Optional.of(String.valueOf(page.get(page.size() - 1))) : Optional.empty());
        });
    }

    @Override
    public Deletion delete(DeletePlan plan, Actor actor, String reason) {
        Objects.requireNonNull(plan, "plan");
        authorize(actor, Operation.DELETE, plan.rootType());
        return run("delete", null, (tx, alone) -> {
            Connection connection = tx.connection();
            Deletion deletion = alone ? parts.bin().deleteAlone(connection, plan, actor, reason)
                    : parts.bin().delete(connection, plan, actor, reason);
            tx.changing(List.of(deletion.id())).run();
            return deletion;
        });
    }

    @Override
    public BatchReport deleteBatch(Batch batch, Actor actor, String reason) {
        Objects.requireNonNull(batch, "batch");
        authorize(actor, Operation.DELETE, parts.model().type(batch.type()).name());
        Chunks chunks = new Chunks();
        return call("batch delete", null, () -> parts.bin().deleteBatch(chunks, actor, reason, batch,
                (connection, deletion) -> chunks.current.changing(List.of(deletion.id())).run()));
    }

    @Override
    public RestoreReport restore(UUID deletionId, Actor actor, RestoreOptions options) {
        Objects.requireNonNull(deletionId, "deletionId");
        Objects.requireNonNull(options, "options");
        Gate gate = gate(actor);
        return run("restore", deletionId, (tx, alone) -> {
            Connection connection = tx.connection();
            // What to forget is read before the restore clears the markers that say it.
            Runnable forget = tx.changing(List.of(deletionId));
            RestoreReport report = parts.bin().restore(connection, deletionId, actor, options.withNeeded(), gate);
            forget.run();
            List<UUID> needed = report.deletions().stream().filter(id -> !id.equals(deletionId)).toList();
            if (!needed.isEmpty()) {
                // Their markers are gone by now: what they took is still recorded, so caches drop those types.
                tx.changing(needed).run();
            }
            return report;
        });
    }

    @Override
    public PurgeReport purge(UUID deletionId, Actor actor, PurgeOptions options) {
        Objects.requireNonNull(deletionId, "deletionId");
        Objects.requireNonNull(options, "options");
        Gate gate = gate(actor);
        return run("purge", deletionId, (tx, alone) -> {
            Runnable forget = tx.changing(List.of(deletionId));
            Map<String, Long> records = parts.bin().purge(tx.connection(), deletionId, actor, options.outside(), gate);
            forget.run();
            return new PurgeReport(List.of(deletionId), records, List.of());
        });
    }

    @Override
    public PurgeReport purgeBin(BinPurge purge, Actor actor) {
        Objects.requireNonNull(purge, "purge");
        // One decision for the whole run: its chunks are the same operation, by the same actor.
        authorize(actor, Operation.PURGE, null);
        Chunks chunks = new Chunks();
        return call("purge of the bin", null, () -> parts.bin().purgeBin(chunks, actor, purge,
                (connection, ids) -> chunks.current.changing(ids)));
    }

    @Override
    public Optional<Deletion> adopt(String type, Actor actor, String reason) {
        authorize(actor, Operation.DELETE, parts.model().type(type).name());
        return run("adoption of earlier deletions", null, (tx, alone) -> {
            Deletion deletion = parts.bin().adoptEarlierDeletions(tx.connection(), type, actor, reason);
            if (deletion != null) {
                tx.changing(List.of(deletion.id())).run();
            }
            return Optional.ofNullable(deletion);
        });
    }

    @Override
    public BinPage<BinEntry> list(BinQuery query, Actor actor) {
        Objects.requireNonNull(query, "query");
        authorize(actor, Operation.LIST, query.type());
        return run("listing of the bin", null, (tx, alone) -> parts.bin().list(tx.connection(), query, actor));
    }

    @Override
    public BinPage<BinMember> members(UUID deletionId, Actor actor, MemberQuery query) {
        Objects.requireNonNull(deletionId, "deletionId");
        Objects.requireNonNull(query, "query");
        authorize(actor, Operation.LIST, query.type());
        return run("listing of a deletion's records", deletionId, (tx, alone) -> parts.bin().members(tx.connection(), deletionId, actor,
                query.type(), query.pageSize(), query.after()));
    }

    /**
     * The one place the authorizer is asked: before an operation does any work, or, for a restore or
     * purge, through {@link #gate} right after it has locked the deletion whose root type it needs.
     */
    private void authorize(Actor actor, Operation operation, String type) {
        Objects.requireNonNull(actor, "actor");
        parts.authorizer().authorize(actor, operation, type);
    }

    private Gate gate(Actor actor) {
        Objects.requireNonNull(actor, "actor");
        return (operation, rootType) -> authorize(actor, operation, rootType);
    }

    /** One operation's work in its transaction; {@code alone} when that transaction holds nothing else. */
    @FunctionalInterface
    private interface Work<T> {
        T run(HostTransaction transaction, boolean alone) throws SQLException;
    }

    private <T> T run(String operation, UUID deletionId, Work<T> work) {
        return call(operation, deletionId, () -> joined != null ? work.run(joined, false)
                : parts.source().inNewTransaction(tx -> work.run(tx, true)));
    }

    /** Long work that opens its own transactions, a chunk at a time. */
    @FunctionalInterface
    private interface Call<T> {
        T run() throws SQLException;
    }

    private static <T> T call(String operation, UUID deletionId, Call<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw wrapped(operation, deletionId, e);
        } catch (LifecycleException e) {
            throw e;
        } catch (RuntimeException e) {
            // An integration's own exception for the database (Hibernate's, from a flush or a commit) is
            // the database's failure all the same; anything else is not the library's to rename.
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof SQLException sql) {
                    throw wrapped(operation, deletionId, sql);
                }
            }
            throw e;
        }
    }

    private static LifecycleException wrapped(String operation, UUID deletionId, SQLException e) {
        if (SqlFailures.collided(e)) {
            return new ConcurrentChangeException(operation, e);
        }
        return new DatabaseException(operation, deletionId, SqlFailures.tableOf(e), e);
    }

    /**
     * The transactions of long work: each chunk a new transaction from the source, or, in the host's
     * transaction, a savepoint standing in for it, so that a chunk (or an all-or-nothing batch) that is
     * refused leaves the host's transaction as it was.
     */
    private final class Chunks implements ChunkTransactions {
        /** The transaction of the chunk running now. */
        private HostTransaction current;

        @Override
        public void inTransaction(ChunkTransactions.Work work) throws SQLException {
            if (joined == null) {
                parts.source().inNewTransaction(tx -> {
                    current = tx;
                    work.run(tx.connection());
                    return null;
                });
                return;
            }
            current = joined;
            Connection connection = joined.connection();
            Savepoint savepoint = connection.setSavepoint();
            try {
                work.run(connection);
                connection.releaseSavepoint(savepoint);
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback(savepoint);
                } catch (SQLException gone) {
                    e.addSuppressed(gone);
                }
                throw e;
            }
        }
    }
}
