package dev.datalifecycle.core.bin;

import dev.datalifecycle.api.Actor;
import dev.datalifecycle.api.RecordNotFoundException;
import dev.datalifecycle.core.model.Dependency;
import dev.datalifecycle.core.model.DependencyKind;
import dev.datalifecycle.core.model.EntityType;
import dev.datalifecycle.core.model.LifecycleModel;
import dev.datalifecycle.core.sql.Dialect;
import dev.datalifecycle.core.sql.SqlBuilder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;


/**
 * Restore from the bin: checks everything first (parents outside the deletion, unique keys, cleared
 * references), then brings back exactly the rows the deletion marked and re-links what it detached.
 */
final class RestoreOperation {

    private final LifecycleModel model;
    private final Dialect dialect;
    private final Clock clock;
    private final Runnable afterLocking;
    private final NeededRecords needed;

    RestoreOperation(LifecycleModel model, Dialect dialect, Clock clock, Runnable afterLocking) {
        this.model = model;
        this.dialect = dialect;
        this.clock = clock;
        this.afterLocking = afterLocking;
        this.needed = new NeededRecords(model, dialect);
    }

    /**
     * See {@link RecycleBin#restore(Connection, UUID, Actor, boolean, Gate)}. Returns the deletions
     * restored, in the order they were.
     */
    dev.datalifecycle.api.RestoreReport run(Connection connection, UUID deletionId, Actor actor, boolean alsoWhatItNeeds, Gate gate)
            throws SQLException {
        this.gate = gate;
        if (!alsoWhatItNeeds) {
            restoreOne(connection, deletionId, actor);
            return new dev.datalifecycle.api.RestoreReport(List.of(deletionId), records);
        }
        return BinTransactions.atomically(connection, null, () -> {
            Set<UUID> restoring = new LinkedHashSet<>();
            List<UUID> restored = new ArrayList<>();
            restoreWithNeeds(connection, deletionId, actor, restoring, restored);
            return new dev.datalifecycle.api.RestoreReport(restored, records);
        });
    }

    /** Asked for each deletion locked, before it changes; set by {@link #run}, an operation being used once. */
    private Gate gate = Gate.OPEN;
    /** The records of the deletions restored so far, per type, as each recorded them when it was made. */
    private final Map<String, Long> records = new TreeMap<>();

    private void restoreWithNeeds(Connection connection, UUID deletionId, Actor actor, Set<UUID> restoring, List<UUID> restored)
            throws SQLException {
        if (!restoring.add(deletionId)) {
            throw new dev.datalifecycle.api.LifecycleException("Deletions " + restoring + " need each other's records: restore them"
                    + " one by one, clearing the references that tie them");
        }
        while (true) {
            try {
                restoreOne(connection, deletionId, actor);
                restored.add(deletionId);
                return;
            } catch (dev.datalifecycle.api.RestoreDependsOnDeletionException needs) {
                restoreWithNeeds(connection, needs.other(), actor, restoring, restored);
            }
        }
    }

    private void restoreOne(Connection connection, UUID deletionId, Actor actor) throws SQLException {
        Objects.requireNonNull(actor, "actor");
        String operation = "restore of deletion " + deletionId;
        if (dialect.restoresInOneStatement()) {
            try {
                BinTransactions.atomically(connection, operation, () -> restore(connection, deletionId, actor, true));
                return;
            } catch (LookFirst undone) {
                // Undone whole: the look before any change names what stands in the way.
            }
        }
        BinTransactions.atomically(connection, operation, () -> restore(connection, deletionId, actor, false));
    }

    /**
     * Thrown, and the restore undone, when restoring in one statement met what the restore that looks
     * first explains best: a referenced record in the bin, or a duplicate key.
     */
    private static final class LookFirst extends RuntimeException {
        LookFirst() {
            super(null, null, false, false);
        }
    }

    /**
     * Restores the deletion. Looking first, the references pointing outside it are found and their
     * records locked before anything changes; in one statement (where the database can), the UPDATEs
     * return what they restored and the records outside are found from that and locked after.
     */
    private Void restore(Connection connection, UUID deletionId, Actor actor, boolean inOneStatement) throws SQLException {
        Locked locked = lockDeletion(connection, deletionId, actor);
        List<EntityType> types = locked.types();
        afterLocking.run();
        List<Dependency> references = needed.referencesToLookAt(locked.rootType(), types);
        // A reference held in another table than its type's first (a JOINED subclass) is not in that UPDATE's RETURNING.
        boolean together = inOneStatement && references.stream()
                .allMatch(d -> d.table().equals(model.type(d.fromType()).primaryTable().name()));
        if (!together) {
            needed.lookAndLock(connection, deletionId, locked.rootType(), references);
        }
        checkUniqueKeys(connection, deletionId, types);
        List<Dependency> links = locked.links();
        checkLinksUnchanged(connection, deletionId, links);
        if (together) {
            restoreInOneStatement(connection, deletionId, types, references);
        } else {
            restoreTableByTable(connection, deletionId, types);
        }
        for (Dependency d : links) {
            if (d.kind() == DependencyKind.JOIN_TABLE) {
                addLinksBack(connection, deletionId, d);
            } else {
                relink(connection, deletionId, d);
            }
        }
        try (PreparedStatement p = connection.prepareStatement(
                "UPDATE lc_deletion SET state = 'RESTORED', restored_at = ? WHERE id = ?")) {
            p.setTimestamp(1, Timestamp.from(clock.instant()));
            p.setString(2, deletionId.toString());
            p.executeUpdate();
        }
        RecordedCounts.add(records, locked.counts());
        return null;
    }

    /** One UPDATE per table: its rows marked by the deletion live again. */
    private void restoreTableByTable(Connection connection, UUID deletionId, List<EntityType> types) throws SQLException {
        Set<String> tables = new LinkedHashSet<>();
        for (EntityType type : types) {
            if (tables.add(type.primaryTable().name())) {
                SqlBuilder sql = new SqlBuilder(dialect).sql("UPDATE ").id(type.primaryTable().name()).sql(" ");
                unmark(sql, type, deletionId);
                try {
                    BinTransactions.execute(connection, sql);
                } catch (SQLException e) {
                    if (isDuplicate(e)) {
                        throw duplicate(deletionId, type, e);
                    }
                    throw e;
                }
            }
        }
    }

    /** {@code SET <markers cleared> WHERE <marked by the deletion>}, after {@code UPDATE table}. */
    private void unmark(SqlBuilder sql, EntityType type, UUID deletionId) {
        var markers = type.markers().orElseThrow();
        sql.sql("SET ").id(markers.deletionIdColumn()).sql(" = NULL, ").id(markers.deletedAtColumn()).sql(" = NULL");
        markers.deletedFlag().ifPresent(flag -> sql.sql(", ").id(flag).sql(" = ").bind(Boolean.FALSE));
        sql.sql(" WHERE ").id(markers.deletionIdColumn()).sql(" = ").bind(deletionId.toString());
    }

    private static boolean isDuplicate(SQLException e) {
        return "23505".equals(e.getSQLState()) || e.getErrorCode() == 1062;
    }

    /**
     * Every table's UPDATE in one statement, each returning its ids and the references to look at,
     * and for each reference the values pointing outside the deletion, by {@code EXCEPT} between what
     * the UPDATEs returned (the tables are scanned once, as the UPDATEs alone would). Those records
     * outside are then locked by a locking read, as the restore that looks first locks them; one in
     * the bin, or a duplicate key, undoes it all for that restore to name ({@link LookFirst}).
     */
    private void restoreInOneStatement(Connection connection, UUID deletionId, List<EntityType> types, List<Dependency> references)
            throws SQLException {
        java.util.Map<String, EntityType> tables = new java.util.LinkedHashMap<>();
        types.forEach(type -> tables.putIfAbsent(type.primaryTable().name(), type));
        List<String> names = new ArrayList<>(tables.keySet());
        if (names.isEmpty()) {
            return; // a deletion that took no records: nothing to bring back
        }
        // Each referencing column is returned by its table's UPDATE once, under an alias of its own.
        java.util.Map<String, java.util.Map<String, String>> returned = new java.util.LinkedHashMap<>();
        int aliases = 0;
        for (Dependency d : references) {
            var columns = returned.computeIfAbsent(d.table(), t -> new java.util.LinkedHashMap<>());
            if (!columns.containsKey(d.column())) {
                columns.put(d.column(), "lc_r" + aliases++);
            }
        }
        SqlBuilder sql = new SqlBuilder(dialect).sql("WITH ");
        for (int i = 0; i < names.size(); i++) {
            EntityType type = tables.get(names.get(i));
            sql.sql(i > 0 ? ", " : "").sql("lc_u" + i).sql(" AS (UPDATE ").id(names.get(i)).sql(" ");
            unmark(sql, type, deletionId);
            sql.sql(" RETURNING ").id(type.idColumn()).sql(" AS lc_id");
            returned.getOrDefault(names.get(i), java.util.Map.of()).forEach((column, alias) -> sql.sql(", ").id(column).sql(" AS ").sql(alias));
            sql.sql(")");
        }
        String separator = " ";
        for (int i = 0; i < references.size(); i++) {
            Dependency d = references.get(i);
            EntityType target = model.type(d.targetType());
            String column = returned.get(d.table()).get(d.column());
            sql.sql(separator).sql("SELECT " + i + " AS lc_ref, ").sql(dialect.idAsText("lc_x" + i + ".v")).sql(" AS lc_outside FROM (SELECT ")
                    .sql(column).sql(" AS v FROM ").sql("lc_u" + names.indexOf(d.table())).sql(" WHERE ").sql(column)
                    .sql(" IS NOT NULL EXCEPT ");
            int into = names.indexOf(target.primaryTable().name());
            if (into >= 0) {
                sql.sql("SELECT lc_id FROM lc_u" + into);
            } else {
                sql.sql("SELECT t.").id(target.idColumn()).sql(" FROM ").id(target.primaryTable().name()).sql(" t WHERE t.")
                        .id(target.markers().orElseThrow().deletionIdColumn()).sql(" = ").bind(deletionId.toString());
            }
            sql.sql(") lc_x" + i);
            separator = " UNION ALL ";
        }
        if (references.isEmpty()) {
            sql.sql(" SELECT 0 AS lc_ref, NULL AS lc_outside WHERE 1 = 0");
        }
        java.util.Map<Integer, List<Object>> outside = new java.util.TreeMap<>();
        try (PreparedStatement statement = sql.prepare(connection); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                Dependency d = references.get(rs.getInt(1));
                outside.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>()).add(model.type(d.targetType()).idType().parse(rs.getString(2)));
            }
        } catch (SQLException e) {
            if (isDuplicate(e)) {
                throw new LookFirst();
            }
            throw e;
        }
        for (var each : outside.entrySet()) {
            EntityType target = model.type(references.get(each.getKey()).targetType());
            if (needed.lockAndFindInTheBin(connection, target, each.getValue())) {
                throw new LookFirst();
            }
        }
    }

    /**
     * A unique key the model does not know, which the database enforces among live rows (a partial
     * index, a generated column): its refusal becomes the same conflict a known key gives.
     */
    private static dev.datalifecycle.api.RestoreConflictException duplicate(UUID deletionId, EntityType type, SQLException e) {
        return new dev.datalifecycle.api.RestoreConflictException("Deletion " + deletionId + " cannot be restored: the database refuses"
                + " a duplicate in " + type.name() + "'s table, a unique key a live record holds now (" + e.getMessage().lines()
                .findFirst().orElse("") + "). Change or delete that record first; declare the key in the model to have it named", e);
    }

    /** A deletion locked for restore: the type of its roots, the types it took, the dependencies it detached, its counts. */
    private record Locked(String rootType, List<EntityType> types, List<Dependency> links, Map<String, Long> counts) {
    }

    /** Locks the deletion's row (a purge of it waits), asks the authorizer, and returns what it took. */
    private Locked lockDeletion(Connection connection, UUID deletionId, Actor actor) throws SQLException {
        String state;
        String rootType;
        try (PreparedStatement p = connection.prepareStatement("SELECT state, tenant_id, root_type FROM lc_deletion WHERE id = ? FOR UPDATE")) {
            p.setString(1, deletionId.toString());
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next() || (model.tenants() && !Objects.equals(rs.getString(2), actor.tenantId()))) {
                    throw new RecordNotFoundException("Deletion", List.of(deletionId));
                }
                state = rs.getString(1);
                rootType = rs.getString(3);
                gate.check(dev.datalifecycle.api.Operation.RESTORE, rootType);
            }
        }
        if (!"IN_BIN".equals(state)) {
            throw new dev.datalifecycle.api.NotInBinException(deletionId, state);
        }
        // The deletion's types and the dependencies it detached, in one query: both are read before anything changes.
        List<EntityType> types = new ArrayList<>();
        List<Dependency> links = new ArrayList<>();
        Map<String, Long> counts = new TreeMap<>();
        try (PreparedStatement p = connection.prepareStatement("SELECT 'T', entity_type, records FROM lc_deletion_count WHERE deletion_id = ?"
                + " UNION ALL SELECT DISTINCT 'L', dependency, 0 FROM lc_detached_link WHERE deletion_id = ? ORDER BY 1, 2")) {
            p.setString(1, deletionId.toString());
            p.setString(2, deletionId.toString());
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(1).equals("T")) {
                        types.add(model.type(rs.getString(2)));
                        counts.put(rs.getString(2), rs.getLong(3));
                    } else {
                        links.add(detachedDependency(deletionId, rs.getString(2)));
                    }
                }
            }
        }
        return new Locked(rootType, types, links, counts);
    }


    /** No live record may hold a unique key a restored record has: one query per key, found before any change. */
    private void checkUniqueKeys(Connection connection, UUID deletionId, List<EntityType> types) throws SQLException {
        for (EntityType type : types) {
            String marker = type.markers().orElseThrow().deletionIdColumn();
            for (var key : type.uniqueKeys()) {
                var table = type.table(key.table()).orElseThrow();
                boolean primary = table.name().equals(type.primaryTable().name());
                SqlBuilder sql = new SqlBuilder(dialect).sql("SELECT d.").id(table.idColumn()).sql(", l.").id(table.idColumn())
                        .sql(" FROM ").id(table.name()).sql(" d JOIN ").id(table.name()).sql(" l ON ");
                for (int i = 0; i < key.columns().size(); i++) {
                    sql.sql(i > 0 ? " AND " : "").column("l", key.columns().get(i)).sql(" = ").column("d", key.columns().get(i));
                }
                sql.sql(" AND l.").id(table.idColumn()).sql(" <> d.").id(table.idColumn());
                String dm = "d";
                String lm = "l";
                if (!primary) {
                    dm = "dp";
                    lm = "lp";
                    sql.sql(" JOIN ").id(type.primaryTable().name()).sql(" dp ON dp.").id(type.idColumn()).sql(" = d.").id(table.idColumn())
                            .sql(" JOIN ").id(type.primaryTable().name()).sql(" lp ON lp.").id(type.idColumn()).sql(" = l.").id(table.idColumn());
                }
                sql.sql(" WHERE ").column(dm, marker).sql(" = ").bind(deletionId.toString()).sql(" AND ").column(lm, marker).sql(" IS NULL")
                        .sql(" ORDER BY d.").id(table.idColumn()).sql(" ").sql(dialect.limit(1));
                try (PreparedStatement statement = sql.prepare(connection); ResultSet rs = statement.executeQuery()) {
                    if (rs.next()) {
                        throw new dev.datalifecycle.api.RestoreConflictException("Deletion " + deletionId + " cannot be restored: "
                                + type.name() + " " + rs.getObject(1) + " would take unique key " + key.name() + " " + key.columns()
                                + ", which live " + type.name() + " " + rs.getObject(2) + " holds now. Change or delete one of them first");
                    }
                }
            }
        }
    }

    /** The model's dependency that the deletion recorded detaching as {@code name}. */
    private Dependency detachedDependency(UUID deletionId, String name) {
        return model.dependencies().stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> new dev.datalifecycle.api.LifecycleException("Deletion " + deletionId + " detached " + name
                        + ", which the model no longer has: restore it with the model it was deleted with"));
    }

    /** A reference the delete cleared and someone has set since is a conflict: one query per dependency. */
    private void checkLinksUnchanged(Connection connection, UUID deletionId, List<Dependency> links) throws SQLException {
        for (Dependency d : links) {
            if (d.kind() == DependencyKind.JOIN_TABLE) {
                continue; // links are a set: one added since is no conflict, and restore does not add it twice
            }
            var table = model.type(d.fromType()).table(d.table()).orElseThrow();
            SqlBuilder sql = new SqlBuilder(dialect).sql("SELECT l.record_id, l.old_value, ").sql(dialect.idAsText("x." + dialect.identifier(d.column())))
                    .sql(" FROM lc_detached_link l JOIN ").id(table.name()).sql(" x ON ").sql(dialect.idAsText("x." + dialect.identifier(table.idColumn())))
                    .sql(" = l.record_id WHERE l.deletion_id = ").bind(deletionId.toString()).sql(" AND l.dependency = ").bind(d.name())
                    .sql(" AND x.").id(d.column()).sql(" IS NOT NULL AND ").sql(dialect.idAsText("x." + dialect.identifier(d.column())))
                    .sql(" <> l.old_value ORDER BY l.record_id ").sql(dialect.limit(1));
            try (PreparedStatement statement = sql.prepare(connection); ResultSet rs = statement.executeQuery()) {
                if (rs.next()) {
                    throw new dev.datalifecycle.api.RestoreConflictException("Deletion " + deletionId + " cannot be restored: it cleared "
                            + d.name() + " of " + d.fromType() + " " + rs.getString(1) + " (was " + rs.getString(2) + "), which now holds "
                            + rs.getString(3) + ". Clear it or leave it as it is and restore without the link");
                }
            }
        }
    }

    /** Sets the cleared references again where they are still empty: one UPDATE per dependency. */
    private void relink(Connection connection, UUID deletionId, Dependency d) throws SQLException {
        var table = model.type(d.fromType()).table(d.table()).orElseThrow();
        var targetType = model.type(d.targetType()).idType();
        String self = dialect.identifier(table.name()) + "." + dialect.identifier(table.idColumn());
        SqlBuilder sql = new SqlBuilder(dialect).sql("UPDATE ").id(table.name()).sql(" SET ").id(d.column()).sql(" = (SELECT ")
                .sql(dialect.textAsId("l.old_value", targetType)).sql(" FROM lc_detached_link l WHERE l.deletion_id = ")
                .bind(deletionId.toString()).sql(" AND l.dependency = ").bind(d.name()).sql(" AND l.record_id = ").sql(dialect.idAsText(self))
                .sql(") WHERE ").id(d.column()).sql(" IS NULL AND ").sql(dialect.idAsText(self))
                .sql(" IN (SELECT r.record_id FROM lc_detached_link r WHERE r.deletion_id = ").bind(deletionId.toString())
                .sql(" AND r.dependency = ").bind(d.name()).sql(")");
        BinTransactions.execute(connection, sql);
    }

    /**
     * Adds back the links a DETACH removed, where the owner still exists and the link is not there
     * again already: one INSERT per link table.
     */
    private void addLinksBack(Connection connection, UUID deletionId, Dependency d) throws SQLException {
        EntityType owner = model.type(d.fromType());
        String ownerId = dialect.textAsId("l.record_id", owner.idType());
        String targetId = dialect.textAsId("l.old_value", model.type(d.targetType()).idType());
        SqlBuilder sql = new SqlBuilder(dialect).sql("INSERT INTO ").id(d.table()).sql(" (").id(d.ownerColumn()).sql(", ").id(d.column())
                .sql(") SELECT ").sql(ownerId).sql(", ").sql(targetId).sql(" FROM lc_detached_link l WHERE l.deletion_id = ")
                .bind(deletionId.toString()).sql(" AND l.dependency = ").bind(d.name()).sql(" AND EXISTS (SELECT 1 FROM ")
                .id(owner.primaryTable().name()).sql(" o WHERE o.").id(owner.idColumn()).sql(" = ").sql(ownerId)
                .sql(") AND NOT EXISTS (SELECT 1 FROM ").id(d.table()).sql(" x WHERE x.").id(d.ownerColumn()).sql(" = ").sql(ownerId)
                .sql(" AND x.").id(d.column()).sql(" = ").sql(targetId).sql(")");
        BinTransactions.execute(connection, sql);
    }
}
