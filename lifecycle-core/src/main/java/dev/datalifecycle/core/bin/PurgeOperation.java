package dev.datalifecycle.core.bin;

import dev.datalifecycle.api.Actor;
import dev.datalifecycle.api.NotInBinException;
import dev.datalifecycle.api.OutsideReferences;
import dev.datalifecycle.api.Operation;
import dev.datalifecycle.api.PurgeBlockedException;
import dev.datalifecycle.api.RecordNotFoundException;
import dev.datalifecycle.core.model.Dependency;
import dev.datalifecycle.core.model.DependencyKind;
import dev.datalifecycle.core.model.EntityType;
import dev.datalifecycle.core.model.LifecycleModel;
import dev.datalifecycle.core.model.Table;
import dev.datalifecycle.core.plan.PlanQueries;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Permanent delete: the records of one or more deletions go for good, together, children before
 * parents, and each deletion stays as a tombstone. Purging several deletions at once is what makes
 * emptying the bin set-based: the statements depend on the types involved, not on the deletions or
 * their records.
 */
final class PurgeOperation {

    private final LifecycleModel model;
    private final Dialect dialect;
    private final Clock clock;
    private final Runnable afterLocking;
    private final EnforcedReferences enforced;

    PurgeOperation(LifecycleModel model, Dialect dialect, Clock clock, Runnable afterLocking, EnforcedReferences enforced) {
        this.model = model;
        this.dialect = dialect;
        this.clock = clock;
        this.afterLocking = afterLocking;
        this.enforced = enforced;
    }

    /** A DELETE the database refused because a record outside the purge still references a purged one. */
    private static final class Dangling extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Dangling(SQLException cause) {
            super(cause);
        }
    }

    /**
     * Purges {@code deletionIds} as one step, all or nothing. With {@code onlyThoseStillInBin}, the
     * ones restored, purged or gone since they were picked are left out quietly (a sweep's chunk);
     * without it, each must be in the actor's bin. Returns the ids purged and their records per type.
     */
    Purged run(Connection connection, List<UUID> deletionIds, Actor actor, OutsideReferences outside, boolean onlyThoseStillInBin,
            Gate gate) throws SQLException {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(outside, "outside");
        String operation = deletionIds.size() == 1 ? "purge of deletion " + deletionIds.get(0) : "purge of deletions " + deletionIds;
        Set<String> leftToTheDatabase = outside == OutsideReferences.REFUSE ? enforced.of(connection) : Set.of();
        try {
            return BinTransactions.atomically(connection, operation,
                    () -> purge(connection, deletionIds, actor, outside, onlyThoseStillInBin, leftToTheDatabase, gate));
        } catch (Dangling refused) {
            // Everything was undone; now find the record that stands in the way, to name it.
            BinTransactions.atomically(connection, operation, () -> {
                List<UUID> ids = lock(connection, deletionIds, actor, onlyThoseStillInBin, Gate.OPEN);
                Set<String> names = new LinkedHashSet<>();
                typesOf(connection, ids, new TreeMap<>()).forEach(t -> names.add(t.name()));
                handleOutsideReferences(connection, ids, names, OutsideReferences.REFUSE, Set.of());
                throw (SQLException) refused.getCause();
            });
            throw refused;
        }
    }

    /**
     * What a purge took: the deletions, and their records per type as the deletions recorded them.
     *
     * @param ids     the deletions purged
     * @param records their records per type
     */
    record Purged(List<UUID> ids, Map<String, Long> records) {
    }

    private Purged purge(Connection connection, List<UUID> deletionIds, Actor actor, OutsideReferences outside,
            boolean onlyThoseStillInBin, Set<String> leftToTheDatabase, Gate gate) throws SQLException {
        List<UUID> ids = lock(connection, deletionIds, actor, onlyThoseStillInBin, gate);
        Map<String, Long> records = new TreeMap<>();
        if (ids.isEmpty()) {
            return new Purged(ids, records);
        }
        List<EntityType> types = typesOf(connection, ids, records);
        afterLocking.run();
        Set<String> names = new LinkedHashSet<>();
        types.forEach(t -> names.add(t.name()));
        handleOutsideReferences(connection, ids, names, outside, leftToTheDatabase);
        for (Dependency d : model.dependencies()) {
            if (!d.inRecord() && names.contains(d.fromType())) {
                // Link and collection rows go with their owner.
                delete(connection, new SqlBuilder(dialect).sql("DELETE FROM ").id(d.table()).sql(" WHERE ")
                        .id(d.ownerColumn()).sql(" IN (").append(markedOf(model.type(d.fromType()), ids)).sql(")"));
            }
        }
        List<EntityType> ordered = childrenFirst(types);
        clearReferencesOrderCannotHonour(connection, ids, names, ordered);
        for (EntityType type : ordered) {
            for (int i = type.tables().size() - 1; i >= 1; i--) {
                Table table = type.tables().get(i);
                delete(connection, new SqlBuilder(dialect).sql("DELETE FROM ").id(table.name()).sql(" WHERE ")
                        .id(table.idColumn()).sql(" IN (").append(markedOf(type, ids)).sql(")"));
            }
        }
        Set<String> primaries = new LinkedHashSet<>();
        for (EntityType type : ordered) {
            if (primaries.add(type.primaryTable().name())) {
                delete(connection, new SqlBuilder(dialect).sql("DELETE FROM ").id(type.primaryTable().name())
                        .sql(" WHERE ").id(marker(type)).sql(" IN (").bindAll(texts(ids)).sql(")"));
            }
        }
        BinTransactions.execute(connection, new SqlBuilder(dialect).sql("DELETE FROM lc_detached_link WHERE deletion_id IN (")
                .bindAll(texts(ids)).sql(")"));
        BinTransactions.execute(connection, new SqlBuilder(dialect).sql("UPDATE lc_deletion SET state = 'PURGED', purged_at = ")
                .bind(Timestamp.from(clock.instant())).sql(", label = NULL WHERE id IN (").bindAll(texts(ids)).sql(")"));
        return new Purged(ids, records);
    }

    /** Runs a DELETE of purged rows; a foreign key's refusal becomes {@link Dangling}. */
    private void delete(Connection connection, SqlBuilder sql) throws SQLException {
        try {
            BinTransactions.execute(connection, sql);
        } catch (SQLException e) {
            if ("23503".equals(e.getSQLState()) || e.getErrorCode() == 1451) {
                throw new Dangling(e);
            }
            throw e;
        }
    }

    /**
     * Locks the deletions' rows (a restore of one of them waits, or finds it purged) and returns
     * those to purge.
     */
    private List<UUID> lock(Connection connection, List<UUID> deletionIds, Actor actor, boolean onlyThoseStillInBin, Gate gate)
            throws SQLException {
        Map<UUID, String> states = new LinkedHashMap<>();
        Set<String> rootTypes = new java.util.TreeSet<>();
        SqlBuilder sql = new SqlBuilder(dialect).sql("SELECT id, state, tenant_id, root_type FROM lc_deletion WHERE id IN (")
                .bindAll(texts(deletionIds)).sql(") FOR UPDATE");
        try (PreparedStatement p = sql.prepare(connection); ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                boolean visible = !model.tenants() || actor.tenantId() == null && onlyThoseStillInBin
                        || Objects.equals(rs.getString(3), actor.tenantId());
                if (visible) {
                    states.put(UUID.fromString(rs.getString(1)), rs.getString(2));
                    rootTypes.add(rs.getString(4));
                }
            }
        }
        for (String rootType : rootTypes) {
            gate.check(Operation.PURGE, rootType);
        }
        List<UUID> inBin = new ArrayList<>();
        for (UUID id : deletionIds) {
            String state = states.get(id);
            if ("IN_BIN".equals(state)) {
                inBin.add(id);
            } else if (!onlyThoseStillInBin) {
                if (state == null) {
                    throw new RecordNotFoundException("Deletion", List.of(id));
                }
                throw new NotInBinException(id, state, "purge");
            }
        }
        return inBin;
    }

    /** The types the deletions took, in name order; their records per type go into {@code records}. */
    private List<EntityType> typesOf(Connection connection, List<UUID> ids, Map<String, Long> records) throws SQLException {
        List<EntityType> types = new ArrayList<>();
        SqlBuilder sql = new SqlBuilder(dialect).sql("SELECT entity_type, SUM(records) FROM lc_deletion_count WHERE deletion_id IN (")
                .bindAll(texts(ids)).sql(") GROUP BY entity_type ORDER BY entity_type");
        try (PreparedStatement p = sql.prepare(connection); ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                types.add(model.type(rs.getString(1)));
                records.put(rs.getString(1), rs.getLong(2));
            }
        }
        return types;
    }

    /**
     * Records outside the purged deletions that reference their records: refused, naming one, or
     * with {@link OutsideReferences#CLEAR} their reference is cleared (links removed) where it can be.
     * One query per reference, and one more statement per reference cleared; none for the references
     * in {@code leftToTheDatabase}, whose foreign keys refuse the DELETE instead.
     */
    private void handleOutsideReferences(Connection connection, List<UUID> ids, Set<String> names, OutsideReferences outside,
            Set<String> leftToTheDatabase) throws SQLException {
        for (Dependency d : model.dependencies()) {
            if (d.kind() == DependencyKind.ELEMENT_COLLECTION || !names.contains(d.targetType()) || leftToTheDatabase.contains(d.name())) {
                continue;
            }
            EntityType from = model.type(d.fromType());
            EntityType target = model.type(d.targetType());
            if (outside == OutsideReferences.CLEAR && clear(connection, ids, from, d, target)) {
                continue;
            }
            SqlBuilder sql = new SqlBuilder(dialect).sql("SELECT p.").id(from.idColumn());
            from.markers().ifPresentOrElse(m -> sql.sql(", p.").id(m.deletionIdColumn()), () -> sql.sql(", NULL"));
            sql.sql(" FROM ").id(from.primaryTable().name()).sql(" p");
            String alias = PlanQueries.joinReference(from, d, sql);
            sql.sql(" WHERE ").column(alias, d.column()).sql(" IN (").append(markedOf(target, ids)).sql(")");
            from.markers().ifPresent(m -> sql.sql(" AND (p.").id(m.deletionIdColumn()).sql(" IS NULL OR p.").id(m.deletionIdColumn())
                    .sql(" NOT IN (").bindAll(texts(ids)).sql("))"));
            sql.sql(" ORDER BY p.").id(from.idColumn()).sql(" ").sql(dialect.limit(1));
            try (PreparedStatement statement = sql.prepare(connection); ResultSet rs = statement.executeQuery()) {
                if (rs.next()) {
                    String holder = rs.getString(2);
                    String what = ids.size() == 1 ? "Deletion " + ids.get(0) : "Deletions " + ids;
                    throw new PurgeBlockedException(what + " cannot be purged: " + from.name() + " " + rs.getObject(1)
                            + (holder == null ? ", a live record," : ", held by deletion " + holder + ",") + " references its "
                            + target.name() + " through " + d.name() + ". " + (holder == null
                                    ? "Change or delete that record first, or purge clearing outside references"
                                    : "Purge or restore deletion " + holder + " first"));
                }
            }
        }
    }

    /**
     * Clears the references from outside the purged deletions into their records, when the
     * reference can be emptied: a link row (removed) or a nullable column. Returns whether it could.
     */
    private boolean clear(Connection connection, List<UUID> ids, EntityType from, Dependency d, EntityType target) throws SQLException {
        if (d.kind() == DependencyKind.JOIN_TABLE) {
            BinTransactions.execute(connection, new SqlBuilder(dialect).sql("DELETE FROM ").id(d.table()).sql(" WHERE ").id(d.column())
                    .sql(" IN (").append(markedOf(target, ids)).sql(")"));
            return true;
        }
        Table table = from.table(d.table()).orElseThrow();
        if (!table.column(d.column()).nullable()) {
            return false;
        }
        // The records of the purged deletions are deleted anyway; clearing theirs too is harmless.
        BinTransactions.execute(connection, new SqlBuilder(dialect).sql("UPDATE ").id(table.name()).sql(" SET ").id(d.column())
                .sql(" = NULL WHERE ").id(d.column()).sql(" IN (").append(markedOf(target, ids)).sql(")"));
        return true;
    }

    /** {@code SELECT id FROM (rows of type the deletions marked)}, materialised for MariaDB (error 1093). */
    private SqlBuilder markedOf(EntityType type, List<UUID> ids) {
        return new SqlBuilder(dialect).sql("SELECT lc_m.id FROM (SELECT DISTINCT o.").id(type.idColumn()).sql(" AS id FROM ")
                .id(type.primaryTable().name()).sql(" o WHERE o.").id(marker(type)).sql(" IN (").bindAll(texts(ids)).sql(")) lc_m");
    }

    private static String marker(EntityType type) {
        return type.markers().orElseThrow().deletionIdColumn();
    }

    private static List<String> texts(List<UUID> ids) {
        return ids.stream().map(UUID::toString).toList();
    }

    /**
     * The types, each before the types it references (children before parents), so that most
     * references among purged records need no clearing. Where references form a cycle, the type
     * picked first is one no other remaining type references through a NOT NULL column; its
     * incoming references are cleared first.
     */
    private List<EntityType> childrenFirst(List<EntityType> types) {
        List<EntityType> ordered = new ArrayList<>();
        List<EntityType> left = new ArrayList<>(types);
        while (!left.isEmpty()) {
            EntityType next = left.stream()
                    .filter(candidate -> left.stream().noneMatch(other -> other != candidate && references(other, candidate, true)))
                    .findFirst()
                    .or(() -> left.stream()
                            .filter(candidate -> left.stream().noneMatch(other -> other != candidate && references(other, candidate, false)))
                            .findFirst())
                    .orElse(left.get(0));
            ordered.add(next);
            left.remove(next);
        }
        return ordered;
    }

    /**
     * Clears the nullable references among purged records whose holding row would be deleted after
     * the row it references (self-references, cycles): MariaDB and H2 check foreign keys row by row,
     * so one DELETE of a hierarchy whose rows reference each other would fail there.
     */
    private void clearReferencesOrderCannotHonour(Connection connection, List<UUID> ids, Set<String> names, List<EntityType> ordered)
            throws SQLException {
        Map<String, Integer> primaryPosition = new LinkedHashMap<>();
        for (EntityType type : ordered) {
            primaryPosition.putIfAbsent(type.primaryTable().name(), primaryPosition.size());
        }
        for (Dependency d : model.dependencies()) {
            if (!d.inRecord() || !names.contains(d.fromType()) || !names.contains(d.targetType())) {
                continue;
            }
            EntityType from = model.type(d.fromType());
            Table table = from.table(d.table()).orElseThrow();
            boolean inPrimary = table.name().equals(from.primaryTable().name());
            // A row of a subclass or secondary table goes before every primary table's rows.
            boolean deletedFirst = !inPrimary || primaryPosition.get(from.primaryTable().name())
                    < primaryPosition.get(model.type(d.targetType()).primaryTable().name());
            if (deletedFirst || !table.column(d.column()).nullable()) {
                continue;
            }
            SqlBuilder sql = new SqlBuilder(dialect).sql("UPDATE ").id(table.name()).sql(" SET ").id(d.column())
                    .sql(" = NULL WHERE ").id(d.column()).sql(" IS NOT NULL AND ").id(marker(from)).sql(" IN (").bindAll(texts(ids)).sql(")");
            BinTransactions.execute(connection, sql);
        }
    }

    /** Whether records of {@code from} reference records of {@code target} (through a NOT NULL column, unless {@code anyColumn}). */
    private boolean references(EntityType from, EntityType target, boolean anyColumn) {
        return model.dependencies().stream().anyMatch(d -> d.inRecord() && d.fromType().equals(from.name())
                && d.targetType().equals(target.name())
                && (anyColumn || !from.table(d.table()).orElseThrow().column(d.column()).nullable()));
    }
}
