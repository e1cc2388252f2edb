package dev.datalifecycle.core.bin;

import dev.datalifecycle.api.AlreadyDeletedException;
import dev.datalifecycle.api.Batch;
import dev.datalifecycle.api.BatchOutcome;
import dev.datalifecycle.api.BatchOutcome.Result;
import dev.datalifecycle.api.BatchReport;
import dev.datalifecycle.api.DeletePlan;
import dev.datalifecycle.api.Deletion;
import dev.datalifecycle.api.RecordNotFoundException;
import dev.datalifecycle.api.DeleteBlockedException;
import dev.datalifecycle.core.model.EntityType;
import dev.datalifecycle.core.model.LifecycleModel;
import dev.datalifecycle.core.sql.CriteriaSql;
import dev.datalifecycle.core.sql.Dialect;
import dev.datalifecycle.core.sql.SqlBuilder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A batch delete: chunk by chunk, each chunk deleted set-based as one deletion, planned and deleted
 * in one go (no plan for a user to confirm, so no separate planning pass). Records that are missing
 * or deleted already are set aside from what the delete's locking read of the roots says; when a
 * chunk is blocked, it is halved until each blocked record stands alone, so a few blocked records cost
 * a few attempts each (logarithmic in the chunk), not one per record. A failed attempt changes
 * nothing: it rolls back to its savepoint.
 */
final class BatchDelete {

    /**
     * Deletes one set of roots as one deletion, on the chunk's connection; {@code alone} when it is the
     * only work of a transaction that is rolled back whole if it fails.
     */
    @FunctionalInterface
    interface Deleter {
        Deletion delete(Connection connection, List<Object> ids, boolean alone) throws SQLException;
    }

    private final LifecycleModel model;
    private final Dialect dialect;
    private final Deleter deleter;

    BatchDelete(LifecycleModel model, Dialect dialect, Deleter deleter) {
        this.model = model;
        this.dialect = dialect;
        this.deleter = deleter;
    }

    BatchReport run(ChunkTransactions transactions, Batch batch) throws SQLException {
        Map<Object, BatchOutcome> outcomes = new LinkedHashMap<>();
        List<Object> order = new ArrayList<>();
        if (batch.atomic()) {
            try {
                transactions.inTransaction(c -> {
                    List<Object> ids = ids(c, batch, null, Batch.MAX_CHUNK + 1);
                    if (ids.size() > batch.chunkSize()) {
                        throw new dev.datalifecycle.api.InvalidRequestException("An all-or-nothing batch holds at most its chunk size (" + batch.chunkSize()
                                + " records) in its one transaction; this one has more: raise inChunksOf(...) up to " + Batch.MAX_CHUNK
                                + ", or drop allOrNothing() to delete in resumable chunks");
                    }
                    order.addAll(ids);
                    resolve(c, batch, ids, outcomes);
                    if (outcomes.values().stream().anyMatch(o -> o.result() != Result.DELETED)) {
                        throw new Refused();
                    }
                });
            } catch (Refused refused) {
                // Rolled back: what would have been deleted was not.
                outcomes.replaceAll((id, o) -> o.result() == Result.DELETED ? new BatchOutcome(id, Result.NOT_DELETED, null, List.of()) : o);
            }
            return report(order, outcomes);
        }
        Object after = null;
        int done = 0;
        while (true) {
            List<Object> chunk;
            if (batch.ids() != null) {
                chunk = batch.ids().subList(done, Math.min(batch.ids().size(), done + batch.chunkSize()));
            } else {
                List<Object> next = new ArrayList<>();
                Object from = after;
                transactions.inTransaction(c -> next.addAll(ids(c, batch, from, batch.chunkSize())));
                chunk = next;
            }
            if (chunk.isEmpty()) {
                break;
            }
            order.addAll(chunk);
            if (!deletedWhole(transactions, batch, chunk, outcomes)) {
                transactions.inTransaction(c -> resolve(c, batch, chunk, outcomes));
            }
            done += chunk.size();
            after = chunk.get(chunk.size() - 1);
        }
        return report(order, outcomes);
    }

    /**
     * Most chunks go through whole: tried first as the only work of its transaction, a chunk needs no
     * savepoint. When a record is missing, deleted already or blocked, that transaction rolls back and
     * the chunk is sorted out record by record in a new one.
     */
    private boolean deletedWhole(ChunkTransactions transactions, Batch batch, List<Object> chunk, Map<Object, BatchOutcome> outcomes)
            throws SQLException {
        if (batch.perRecord() && chunk.size() > 1) {
            return false;
        }
        try {
            transactions.inTransaction(c -> deleted(deleter.delete(c, chunk, true), chunk, outcomes));
            return true;
        } catch (RecordNotFoundException | AlreadyDeletedException | DeleteBlockedException refused) {
            return false;
        }
    }

    private static void deleted(Deletion deletion, List<Object> ids, Map<Object, BatchOutcome> outcomes) {
        for (Object id : ids) {
            outcomes.put(id, new BatchOutcome(id, Result.DELETED, deletion.id(), List.of()));
        }
    }

    /** Thrown to roll an all-or-nothing batch back once its outcomes are known. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused() {
            super(null, null, false, false);
        }
    }

    /** The outcomes in the order the records were given (a criteria's: by id, chunk by chunk). */
    private static BatchReport report(List<Object> order, Map<Object, BatchOutcome> outcomes) {
        List<BatchOutcome> ordered = new ArrayList<>();
        for (Object id : order) {
            BatchOutcome outcome = outcomes.get(id);
            if (outcome != null) {
                ordered.add(outcome);
            }
        }
        return new BatchReport(ordered);
    }

    /** The ids a criteria batch takes next: live records after {@code after}, by id. */
    private List<Object> ids(Connection connection, Batch batch, Object after, int limit) throws SQLException {
        if (batch.ids() != null) {
            return batch.ids();
        }
        EntityType type = model.type(batch.type());
        SqlBuilder sql = new SqlBuilder(dialect).sql("SELECT p.").id(type.idColumn()).sql(" FROM ").id(type.primaryTable().name())
                .sql(" p WHERE ");
        CriteriaSql.render(batch.criteria(), "p", sql);
        type.markers().ifPresent(m -> sql.sql(" AND p.").id(m.deletionIdColumn()).sql(" IS NULL"));
        if (after != null) {
            sql.sql(" AND p.").id(type.idColumn()).sql(" > ").bind(after);
        }
        sql.sql(" ORDER BY p.").id(type.idColumn()).sql(" ").sql(dialect.limit(limit));
        List<Object> ids = new ArrayList<>();
        try (PreparedStatement p = sql.prepare(connection); ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                ids.add(type.idType().coerce(rs.getObject(1)));
            }
        }
        return ids;
    }

    /** Deletes what of {@code ids} can be deleted, and says for each what happened. */
    private void resolve(Connection c, Batch batch, List<Object> ids, Map<Object, BatchOutcome> outcomes)
            throws SQLException {
        List<Object> remaining = new ArrayList<>(ids);
        while (!remaining.isEmpty()) {
            if (batch.perRecord() && remaining.size() > 1) {
                bisect(c, batch, remaining, outcomes);
                return;
            }
            int before = remaining.size();
            try {
                deleted(deleter.delete(c, remaining, false), remaining, outcomes);
                return;
            } catch (RecordNotFoundException e) {
                setAside(e.ids(), Result.NOT_FOUND, remaining, outcomes);
            } catch (AlreadyDeletedException e) {
                setAside(e.ids(), Result.ALREADY_DELETED, remaining, outcomes);
            } catch (DeleteBlockedException e) {
                if (remaining.size() == 1) {
                    outcomes.put(remaining.get(0), new BatchOutcome(remaining.get(0), Result.BLOCKED, null, reasons(e.blockers())));
                    return;
                }
                bisect(c, batch, remaining, outcomes);
                return;
            }
            if (remaining.size() == before) {
                throw new dev.datalifecycle.api.LifecycleException("A batch delete made no progress on " + remaining);
            }
        }
    }

    private void bisect(Connection c, Batch batch, List<Object> remaining, Map<Object, BatchOutcome> outcomes)
            throws SQLException {
        int half = remaining.size() / 2;
        resolve(c, batch, remaining.subList(0, half), outcomes);
        resolve(c, batch, remaining.subList(half, remaining.size()), outcomes);
    }

    /** Records {@code result} for the records of {@code remaining} that {@code ids} names, keyed as the caller gave them. */
    private void setAside(List<Object> ids, Result result, List<Object> remaining, Map<Object, BatchOutcome> outcomes) {
        remaining.removeIf(r -> {
            boolean named = ids.stream().anyMatch(id -> id.equals(r) || id.toString().equals(r.toString()));
            if (named) {
                outcomes.put(r, new BatchOutcome(r, result, null, List.of()));
            }
            return named;
        });
    }

    private static List<String> reasons(List<DeletePlan.Entry> blockers) {
        return blockers.stream().map(b -> b.count() + " " + b.type() + " via " + b.via() + ", e.g. " + b.firstIds()).toList();
    }
}
