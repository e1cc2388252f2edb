package dev.datalifecycle.core.bin;

import dev.datalifecycle.api.Actor;
import dev.datalifecycle.api.BinPurge;
import dev.datalifecycle.api.PurgeBlockedException;
import dev.datalifecycle.api.PurgeReport;
import dev.datalifecycle.core.sql.Dialect;
import dev.datalifecycle.core.sql.SqlBuilder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Walks the bin in keyset order (deleted at, id) and purges it chunk by chunk, each chunk in a
 * transaction of its own; then tries again what was blocked, while that gets anywhere.
 */
final class BinSweeper {

    private final Dialect dialect;
    private final Clock clock;
    private final PurgeOperation purge;

    BinSweeper(Dialect dialect, Clock clock, PurgeOperation purge) {
        this.dialect = dialect;
        this.clock = clock;
        this.purge = purge;
    }

    private record Chunk(List<UUID> ids, Timestamp lastDeletedAt) {
    }

    private record Outcome(List<UUID> purged, Map<String, Long> records, Map<UUID, String> blocked) {
    }

    PurgeReport sweep(ChunkTransactions chunks, Actor actor, BinPurge sweep, boolean tenants, AfterPurge watcher) throws SQLException {
        Timestamp now = Timestamp.from(clock.instant());
        String tenant = tenants ? actor.tenantId() : null;
        int total = call(chunks, c -> {
            BinTransactions.requireSupportedIsolation(c, dialect, "purge of the bin");
            return count(c, sweep, tenant, now);
        });
        List<UUID> purgedIds = new ArrayList<>();
        Map<String, Long> records = new TreeMap<>();
        int purged = 0;
        Map<UUID, String> blocked = new LinkedHashMap<>();
        Chunk chunk = null;
        while (true) {
            Chunk after = chunk;
            chunk = call(chunks, c -> next(c, sweep, tenant, now, after));
            if (chunk.ids().isEmpty()) {
                break;
            }
            Outcome outcome = purgeChunk(chunks, chunk.ids(), actor, sweep, watcher);
            purged += outcome.purged().size();
            purgedIds.addAll(outcome.purged());
            RecordedCounts.add(records, outcome.records());
            blocked.putAll(outcome.blocked());
            sweep.progress().accept(new BinPurge.Progress(purged, blocked.size(), total));
        }
        // What a later chunk held may have blocked an earlier one: try again while that gets anywhere.
        while (!blocked.isEmpty()) {
            List<UUID> again = new ArrayList<>(blocked.keySet());
            Map<UUID, String> still = new LinkedHashMap<>();
            int before = purged;
            for (int from = 0; from < again.size(); from += sweep.chunkSize()) {
                Outcome outcome = purgeChunk(chunks, again.subList(from, Math.min(again.size(), from + sweep.chunkSize())), actor, sweep,
                        watcher);
                purged += outcome.purged().size();
                purgedIds.addAll(outcome.purged());
                RecordedCounts.add(records, outcome.records());
                still.putAll(outcome.blocked());
            }
            blocked = still;
            sweep.progress().accept(new BinPurge.Progress(purged, blocked.size(), total));
            if (purged == before) {
                break;
            }
        }
        List<PurgeReport.Blocked> left = new ArrayList<>();
        blocked.forEach((id, reason) -> left.add(new PurgeReport.Blocked(id, reason)));
        return new PurgeReport(purgedIds, records, left);
    }

    /**
     * Purges a chunk set-based; when something outside blocks it, deletion by deletion instead (in
     * rounds, since one deletion of the chunk may block another), to tell the blocked ones apart.
     */
    private Outcome purgeChunk(ChunkTransactions chunks, List<UUID> ids, Actor actor, BinPurge sweep, AfterPurge watcher) throws SQLException {
        return call(chunks, c -> {
            // Read while the chunk's markers are in place; what it says to forget is forgotten once the chunk is purged.
            Runnable forget = watcher.changing(c, ids);
            Outcome outcome = purgeChunk(c, ids, actor, sweep);
            forget.run();
            return outcome;
        });
    }

    private Outcome purgeChunk(Connection c, List<UUID> ids, Actor actor, BinPurge sweep) throws SQLException {
            try {
                PurgeOperation.Purged done = purge.run(c, ids, actor, sweep.outside(), true, Gate.OPEN);
                return new Outcome(done.ids(), done.records(), Map.of());
            } catch (PurgeBlockedException whole) {
                List<UUID> left = new ArrayList<>(ids);
                Map<UUID, String> blocked = new LinkedHashMap<>();
                List<UUID> purged = new ArrayList<>();
                Map<String, Long> records = new TreeMap<>();
                boolean progress = true;
                while (progress && !left.isEmpty()) {
                    progress = false;
                    blocked.clear();
                    for (UUID id : List.copyOf(left)) {
                        try {
                            PurgeOperation.Purged one = purge.run(c, List.of(id), actor, sweep.outside(), true, Gate.OPEN);
                            purged.addAll(one.ids());
                            RecordedCounts.add(records, one.records());
                            left.remove(id);
                            progress = true;
                        } catch (PurgeBlockedException e) {
                            blocked.put(id, e.getMessage());
                        }
                    }
                }
                return new Outcome(purged, records, Map.copyOf(blocked));
            }
    }

    /** Runs {@code work} in a transaction {@code chunks} opens, and returns what it gave. */
    @SuppressWarnings("unchecked")
    private static <T> T call(ChunkTransactions chunks, BinTransactions.Work<T> work) throws SQLException {
        Object[] result = new Object[1];
        chunks.inTransaction(c -> result[0] = work.run(c));
        return (T) result[0];
    }

    private int count(Connection connection, BinPurge sweep, String tenant, Timestamp now) throws SQLException {
        SqlBuilder sql = new SqlBuilder(dialect).sql("SELECT COUNT(*) FROM lc_deletion WHERE ");
        candidates(sql, sweep, tenant, now);
        try (PreparedStatement p = sql.prepare(connection); ResultSet rs = p.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The next chunk of deletions to purge, after {@code after} in (deleted at, id) order. */
    private Chunk next(Connection connection, BinPurge sweep, String tenant, Timestamp now, Chunk after) throws SQLException {
        SqlBuilder sql = new SqlBuilder(dialect).sql("SELECT id, deleted_at FROM lc_deletion WHERE ");
        candidates(sql, sweep, tenant, now);
        if (after != null) {
            String lastId = after.ids().get(after.ids().size() - 1).toString();
            sql.sql(" AND (deleted_at > ").bind(after.lastDeletedAt()).sql(" OR deleted_at = ").bind(after.lastDeletedAt())
                    .sql(" AND id > ").bind(lastId).sql(")");
        }
        sql.sql(" ORDER BY deleted_at, id ").sql(dialect.limit(sweep.chunkSize()));
        List<UUID> ids = new ArrayList<>();
        Timestamp last = null;
        try (PreparedStatement p = sql.prepare(connection); ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                ids.add(UUID.fromString(rs.getString(1)));
                last = rs.getTimestamp(2);
            }
        }
        return new Chunk(ids, last);
    }

    private static void candidates(SqlBuilder sql, BinPurge sweep, String tenant, Timestamp now) {
        sql.sql("state = 'IN_BIN'");
        if (tenant != null) {
            sql.sql(" AND tenant_id = ").bind(tenant);
        }
        if (sweep.expiredOnly()) {
            sql.sql(" AND expires_at <= ").bind(now);
        }
    }
}
