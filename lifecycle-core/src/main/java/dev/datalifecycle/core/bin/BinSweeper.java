package dev.datalifecycle.core.bin;

import dev.datalifecycle.api.Actor;
import dev.datalifecycle.api.PurgeBlockedException;
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
import java.util.UUID;
import javax.sql.DataSource;

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

    private record Outcome(int purged, Map<UUID, String> blocked) {
    }

    SweepReport sweep(DataSource dataSource, Actor actor, Sweep sweep, boolean tenants) throws SQLException {
        Timestamp now = Timestamp.from(clock.instant());
        String tenant = tenants ? actor.tenantId() : null;
        int total = BinTransactions.inOwnTransaction(dataSource, c -> {
            BinTransactions.requireSupportedIsolation(c, dialect, "sweep");
            return count(c, sweep, tenant, now);
        });
        int purged = 0;
        Map<UUID, String> blocked = new LinkedHashMap<>();
        Chunk chunk = null;
        while (true) {
            Chunk after = chunk;
            chunk = BinTransactions.inOwnTransaction(dataSource, c -> next(c, sweep, tenant, now, after));
            if (chunk.ids().isEmpty()) {
                break;
            }
            Outcome outcome = purgeChunk(dataSource, chunk.ids(), actor, sweep);
            purged += outcome.purged();
            blocked.putAll(outcome.blocked());
            sweep.progress().accept(new Sweep.Progress(purged, blocked.size(), total));
        }
        // What a later chunk held may have blocked an earlier one: try again while that gets anywhere.
        while (!blocked.isEmpty()) {
            List<UUID> again = new ArrayList<>(blocked.keySet());
            Map<UUID, String> still = new LinkedHashMap<>();
            int before = purged;
            for (int from = 0; from < again.size(); from += sweep.chunkSize()) {
                Outcome outcome = purgeChunk(dataSource, again.subList(from, Math.min(again.size(), from + sweep.chunkSize())), actor, sweep);
                purged += outcome.purged();
                still.putAll(outcome.blocked());
            }
            blocked = still;
            sweep.progress().accept(new Sweep.Progress(purged, blocked.size(), total));
            if (purged == before) {
                break;
            }
        }
        List<SweepReport.Blocked> left = new ArrayList<>();
        blocked.forEach((id, reason) -> left.add(new SweepReport.Blocked(id, reason)));
        return new SweepReport(purged, left);
    }

    /**
     * Purges a chunk set-based; when something outside blocks it, deletion by deletion instead (in
     * rounds, since one deletion of the chunk may block another), to tell the blocked ones apart.
     */
    private Outcome purgeChunk(DataSource dataSource, List<UUID> ids, Actor actor, Sweep sweep) throws SQLException {
        return BinTransactions.inOwnTransaction(dataSource, c -> {
            try {
                return new Outcome(purge.run(c, ids, actor, sweep.outside(), true).size(), Map.of());
            } catch (PurgeBlockedException whole) {
                List<UUID> left = new ArrayList<>(ids);
                Map<UUID, String> blocked = new LinkedHashMap<>();
                int purged = 0;
                boolean progress = true;
                while (progress && !left.isEmpty()) {
                    progress = false;
                    blocked.clear();
                    for (UUID id : List.copyOf(left)) {
                        try {
                            purged += purge.run(c, List.of(id), actor, sweep.outside(), true).size();
                            left.remove(id);
                            progress = true;
                        } catch (PurgeBlockedException e) {
                            blocked.put(id, e.getMessage());
                        }
                    }
                }
                return new Outcome(purged, Map.copyOf(blocked));
            }
        });
    }

    private int count(Connection connection, Sweep sweep, String tenant, Timestamp now) throws SQLException {
        SqlBuilder sql = new SqlBuilder(dialect).sql("SELECT COUNT(*) FROM lc_deletion WHERE ");
        candidates(sql, sweep, tenant, now);
        try (PreparedStatement p = sql.prepare(connection); ResultSet rs = p.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The next chunk of deletions to purge, after {@code after} in (deleted at, id) order. */
    private Chunk next(Connection connection, Sweep sweep, String tenant, Timestamp now, Chunk after) throws SQLException {
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

    private static void candidates(SqlBuilder sql, Sweep sweep, String tenant, Timestamp now) {
        sql.sql("state = 'IN_BIN'");
        if (tenant != null) {
            sql.sql(" AND tenant_id = ").bind(tenant);
        }
        if (sweep.expiredOnly()) {
            sql.sql(" AND expires_at <= ").bind(now);
        }
    }
}
