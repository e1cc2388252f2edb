package dev.datalifecycle.core.bin;

import dev.datalifecycle.core.sql.Dialect;
import dev.datalifecycle.core.sql.SqlBuilder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** The records deletions took, per type, as they recorded them: what a restore brings back and a purge deletes. */
final class RecordedCounts {

    private RecordedCounts() {
    }

    /** The records {@code deletionIds} took per type, summed; one statement. */
    static Map<String, Long> of(Connection connection, Dialect dialect, List<UUID> deletionIds) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        if (deletionIds.isEmpty()) {
            return counts;
        }
        SqlBuilder sql = new SqlBuilder(dialect).sql("SELECT entity_type, SUM(records) FROM lc_deletion_count WHERE deletion_id IN (")
                .bindAll(deletionIds.stream().map(UUID::toString).toList()).sql(") GROUP BY entity_type");
        try (PreparedStatement p = sql.prepare(connection); ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    /** Adds {@code more} into {@code into}. */
    static void add(Map<String, Long> into, Map<String, Long> more) {
        more.forEach((type, n) -> into.merge(type, n, Long::sum));
    }
}
