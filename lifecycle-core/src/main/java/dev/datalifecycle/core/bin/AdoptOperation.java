package dev.datalifecycle.core.bin;

import dev.datalifecycle.api.Actor;
import dev.datalifecycle.api.Deletion;
import dev.datalifecycle.core.model.EntityType;
import dev.datalifecycle.core.model.LifecycleModel;
import dev.datalifecycle.core.model.Markers;
import dev.datalifecycle.core.plan.PlanQueries;
import dev.datalifecycle.core.sql.Dialect;
import dev.datalifecycle.core.sql.SqlBuilder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Puts the rows a host deleted before it adopted the library (its own deleted flag or timestamp
 * set, no deletion id) into the bin, as one deletion per call, so that the library sees them as the
 * host does. Four statements, whatever the number of rows.
 */
final class AdoptOperation {

    private final LifecycleModel model;
    private final Dialect dialect;
    private final Clock clock;

    AdoptOperation(LifecycleModel model, Dialect dialect, Clock clock) {
        this.model = model;
        this.dialect = dialect;
        this.clock = clock;
    }

    /** See {@link RecycleBin#adoptEarlierDeletions(Connection, String, Actor, String)}. */
    Deletion run(Connection connection, EntityType type, Actor actor, String reason) throws SQLException {
        Markers markers = type.markers().orElseThrow(() -> new dev.datalifecycle.api.InvalidRequestException(type.name()
                + " is not soft-deletable: it has no marker columns, so it has no deletions to adopt"));
        String tenant = PlanQueries.tenantOf(model, type, actor);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        return BinTransactions.atomically(connection, "adoption of earlier deletions of " + type.name(), () -> {
            // The host's rows keep the time it deleted them; a row with only the flag set gets now.
            SqlBuilder update = new SqlBuilder(dialect).sql("UPDATE ").id(type.primaryTable().name()).sql(" p SET ")
                    .id(markers.deletionIdColumn()).sql(" = ").bind(id.toString()).sql(", ").id(markers.deletedAtColumn())
                    .sql(" = COALESCE(p.").id(markers.deletedAtColumn()).sql(", ").bind(Timestamp.from(now)).sql(") WHERE p.")
                    .id(markers.deletionIdColumn()).sql(" IS NULL AND (p.").id(markers.deletedAtColumn()).sql(" IS NOT NULL");
            markers.deletedFlag().ifPresent(flag -> update.sql(" OR p.").id(flag).sql(" = ").bind(Boolean.TRUE));
            update.sql(")");
            PlanQueries.of(model, dialect, type.name(), List.of(), tenant, id.toString()).restrictTo(type, "p", update);
            long adopted;
            try (PreparedStatement statement = update.prepare(connection)) {
                adopted = statement.executeUpdate();
            }
            if (adopted == 0) {
                return null;
            }
            Instant expires = now.atOffset(ZoneOffset.UTC).plus(type.policy().binRetention()).toInstant();
            DeleteOperation.recordDeletion(connection, dialect, id, type, null, tenant, actor, reason, null, Timestamp.from(now),
                    Timestamp.from(expires));
            // Every adopted row is a root: each was deleted on its own, as far as anyone knows.
            BinTransactions.execute(connection, new SqlBuilder(dialect)
                    .sql("INSERT INTO lc_deletion_root (deletion_id, entity_type, record_id) SELECT ").bind(id.toString()).sql(", ")
                    .bind(type.name()).sql(", ").sql(dialect.idAsText("p." + dialect.identifier(type.idColumn()))).sql(" FROM ")
                    .id(type.primaryTable().name()).sql(" p WHERE p.").id(markers.deletionIdColumn()).sql(" = ").bind(id.toString()));
            BinTransactions.execute(connection, new SqlBuilder(dialect)
                    .sql("INSERT INTO lc_deletion_count (deletion_id, entity_type, records) VALUES (").bind(id.toString()).sql(", ")
                    .bind(type.name()).sql(", ").bind(adopted).sql(")"));
            return new Deletion(id, type.name(), List.of(), Map.of(type.name(), adopted), Map.of(), actor.userId(), reason, now, expires);
        });
    }
}
