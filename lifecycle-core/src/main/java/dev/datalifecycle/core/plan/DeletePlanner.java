package dev.datalifecycle.core.plan;

import dev.datalifecycle.api.Actor;
import dev.datalifecycle.api.AlreadyDeletedException;
import dev.datalifecycle.api.DeletePlan;
import dev.datalifecycle.api.DeleteRule;
import dev.datalifecycle.api.RecordNotFoundException;
import dev.datalifecycle.core.model.Dependency;
import dev.datalifecycle.core.model.DependencyKind;
import dev.datalifecycle.core.model.EntityType;
import dev.datalifecycle.core.model.IdType;
import dev.datalifecycle.core.model.LifecycleModel;
import dev.datalifecycle.core.sql.Dialect;
import dev.datalifecycle.core.sql.SqlBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Computes what a delete would do, changing nothing: the records it would delete per entity type,
 * the references it would detach, and what blocks it. Runs on the caller's connection and neither
 * writes nor commits.
 *
 * <p>The work is set-based: one query for the roots, one per entity type the delete reaches, and one
 * per dependency that could block or be detached. The number of statements depends on the model, never
 * on the number of records or the depth of a hierarchy in the data (a type that cascades into itself
 * is walked by one recursive query), and no set of visited ids is held in memory.
 *
 * <pre>{@code
 * DeletePlanner planner = new DeletePlanner(model, Dialects.detect(connection));
 * DeletePlan plan = planner.plan(connection, "Customer", List.of(42L), alice);
 * if (plan.blocked()) { ... plan.blockers() ... }
 * }</pre>
 */
public final class DeletePlanner {

    /**
     * The most roots one plan takes: they are bound as parameters of one statement, and PostgreSQL
     * takes at most 65,535. Larger deletes go through batch delete, in chunks.
     */
    public static final int MAX_ROOTS = 10_000;

    /** How many ids each plan entry shows by default. */
    public static final int DEFAULT_SAMPLE_SIZE = 10;

    private final LifecycleModel model;
    private final Dialect dialect;
    private final int sampleSize;

    /** A planner showing the first {@value #DEFAULT_SAMPLE_SIZE} ids of each entry. */
    public DeletePlanner(LifecycleModel model, Dialect dialect) {
        this(model, dialect, DEFAULT_SAMPLE_SIZE);
    }

    /**
     * @param sampleSize how many ids each plan entry shows (at least 1)
     */
    public DeletePlanner(LifecycleModel model, Dialect dialect, int sampleSize) {
        this.model = Objects.requireNonNull(model, "model");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        if (sampleSize < 1) {
            throw new dev.datalifecycle.api.InvalidRequestException("sampleSize must be at least 1, got " + sampleSize);
        }
        this.sampleSize = sampleSize;
    }

    /**
     * Plans the delete of {@code ids} of {@code type} as {@code actor}.
     *
     * @throws dev.datalifecycle.api.UnknownEntityTypeException when the model has no such type
     * @throws dev.datalifecycle.api.InvalidRequestException  when no ids or more than {@value #MAX_ROOTS} are given, an id
     *                                   is not of the type's id type,
     *                                   or the model has tenants and the actor none
     * @throws RecordNotFoundException   when a root does not exist in the actor's tenant
     * @throws AlreadyDeletedException   when a root is already in the recycle bin
     * @throws SQLException              when the database fails
     */
    public DeletePlan plan(Connection connection, String type, Collection<?> ids, Actor actor) throws SQLException {
        EntityType root = model.type(type);
        Objects.requireNonNull(actor, "actor");
        List<Object> rootIds = rootIds(root, ids);
        PlanSql sql = new PlanSql(model, dialect, Closure.of(model, type), type, rootIds, PlanQueries.tenantOf(model, root, actor));
        checkRoots(connection, root, rootIds, sql);

        return measure(connection, Closure.of(model, type), sql, type, rootIds);
    }

    /** Counts, samples and fingerprints every set of a delete: the plan without the roots' check. */
    DeletePlan measure(Connection connection, Closure closure, PlanSql sql, String type, List<Object> rootIds) throws SQLException {
        return measure(connection, closure, sql::deleted, sql::referencing, type, rootIds);
    }

    /** Where a measure gets the records of a type, and the records a dependency gives a rule. */
    interface Sets {
        PlanSql.Query deleted(String type);
    }

    interface Referencing {
        PlanSql.Query referencing(Dependency d, DeleteRule rule);
    }

    /** Counts, samples and fingerprints the sets the two functions give, the same way for plan and delete. */
    DeletePlan measure(Connection connection, Closure closure, Sets sql, Referencing refs, String type, List<Object> rootIds)
            throws SQLException {
        return measure(connection, closure, sql, refs, type, rootIds, true);
    }

    /** One set a measure summarises: what it is (kind, type, dependency) and the query giving its ids. */
    private record Part(String kind, String type, Dependency dependency, PlanSql.Query query, IdType idType) {
    }

    /**
     * Counts and fingerprints the sets; with {@code samples}, each entry also shows its first ids (one
     * query per set). Without, the entries carry no ids and every set's count and hash come from one
     * statement, a UNION ALL of aggregates: what a delete needs to confirm its plan.
     */
    DeletePlan measure(Connection connection, Closure closure, Sets sql, Referencing refs, String type, List<Object> rootIds,
            boolean samples) throws SQLException {
        return measure(connection, closure, sql, refs, type, rootIds, samples, Map.of());
    }

    /**
     * Like the others, taking the count and hash sum of some types' sets as already known (from the
     * statement that marked them), so that only the rest is read.
     */
    DeletePlan measure(Connection connection, Closure closure, Sets sql, Referencing refs, String type, List<Object> rootIds,
            boolean samples, Map<String, Counted> known) throws SQLException {
        List<Part> parts = new ArrayList<>();
        for (String each : closure.types()) {
            if (!known.containsKey(each)) {
                parts.add(new Part("delete", each, null, sql.deleted(each), model.type(each).idType()));
            }
        }
        for (String target : closure.types()) {
            for (Dependency d : model.dependenciesOn(target)) {
                if (d.kind() == DependencyKind.ELEMENT_COLLECTION) {
                    continue;
                }
                IdType idType = model.type(d.fromType()).idType();
                if (d.rule().possibleRules().contains(DeleteRule.RESTRICT)) {
                    parts.add(new Part("block", d.fromType(), d, refs.referencing(d, DeleteRule.RESTRICT), idType));
                }
                if (d.rule().possibleRules().contains(DeleteRule.DETACH)) {
                    parts.add(new Part("detach", d.fromType(), d, refs.referencing(d, DeleteRule.DETACH), idType));
                }
            }
        }
        List<Summary> summaries = samples || parts.stream().anyMatch(part -> !part.query().with().isEmpty())
                ? summariseEach(connection, parts, samples) : summariseTogether(connection, parts);
        List<DeletePlan.Entry> deleted = new ArrayList<>();
        List<DeletePlan.Entry> detached = new ArrayList<>();
        List<DeletePlan.Entry> blockers = new ArrayList<>();
        Set<String> fingerprint = new TreeSet<>();
        for (String each : closure.types()) {
            Counted counted = known.get(each);
            if (counted != null && counted.count() > 0) {
                fingerprint.add("delete|" + each + "|" + counted.count() + "|" + counted.hashSum());
                deleted.add(new DeletePlan.Entry(each, null, counted.count(), List.of()));
            }
        }
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            Summary s = summaries.get(i);
            if (s.count == 0) {
                continue;
            }
            String name = part.dependency() == null ? part.type() : part.dependency().name();
            fingerprint.add(part.kind() + "|" + name + "|" + s.count + "|" + s.hashSum);
            DeletePlan.Entry entry = new DeletePlan.Entry(part.type(), part.dependency() == null ? null : name, s.count, s.firstIds);
            switch (part.kind()) {
                case "delete" -> deleted.add(entry);
                case "block" -> blockers.add(entry);
                default -> detached.add(entry);
            }
        }
        return new DeletePlan(type, rootIds, deleted, detached, blockers, digest(fingerprint));
    }

    private List<Summary> summariseEach(Connection connection, List<Part> parts, boolean samples) throws SQLException {
        List<Summary> summaries = new ArrayList<>();
        for (Part part : parts) {
            summaries.add(samples ? summarise(connection, part.query(), part.idType()) : summariseTogether(connection, List.of(part)).get(0));
        }
        return summaries;
    }

    /** Every part's count and hash sum in one statement: {@code SELECT k, COUNT(*), SUM(hash) ... UNION ALL ...}. */
    private List<Summary> summariseTogether(Connection connection, List<Part> parts) throws SQLException {
        if (parts.isEmpty()) {
            return List.of();
        }
        SqlBuilder sql = new SqlBuilder(dialect);
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            sql.sql(i > 0 ? " UNION ALL " : "").append(part.query().with()).sql("SELECT " + i + " AS k, COUNT(*) AS n, SUM(")
                    .sql(hash(part.idType())).sql(") AS h FROM (").append(part.query().select()).sql(") q");
        }
        List<Summary> summaries = new ArrayList<>(java.util.Collections.nCopies(parts.size(), new Summary(0, List.of(), "0")));
        try (PreparedStatement statement = sql.prepare(connection); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                java.math.BigDecimal hashSum = rs.getBigDecimal(3);
                summaries.set(rs.getInt(1), new Summary(rs.getLong(2), List.of(), hashSum == null ? "0" : hashSum.toPlainString()));
            }
        }
        return summaries;
    }

    /**
     * One page of the records of {@code type} that {@code plan} would delete, recomputed now, in
     * ascending id order after {@code afterId} (keyset paging: pass the last id of the previous page,
     * or {@code null} for the first).
     *
     * @throws dev.datalifecycle.api.InvalidRequestException when {@code limit} is below 1
     */
    public List<Object> deletedIds(Connection connection, DeletePlan plan, String type, Object afterId, int limit, Actor actor)
            throws SQLException {
        if (limit < 1) {
            throw new dev.datalifecycle.api.InvalidRequestException("limit must be at least 1, got " + limit);
        }
        EntityType root = model.type(plan.rootType());
        EntityType member = model.type(type);
        Closure closure = Closure.of(model, plan.rootType());
        if (!closure.types().contains(type)) {
            return List.of();
        }
        PlanSql sql = new PlanSql(model, dialect, closure, plan.rootType(), rootIds(root, plan.rootIds()), PlanQueries.tenantOf(model, root, actor));
        PlanSql.Query query = sql.deleted(type);
        SqlBuilder page = new SqlBuilder(dialect).append(query.with()).sql("SELECT q.id FROM (").append(query.select()).sql(") q");
        if (afterId != null) {
            page.sql(" WHERE q.id > ").bind(member.idType().coerce(afterId));
        }
        page.sql(" ORDER BY q.id ").sql(dialect.limit(limit));
        List<Object> ids = new ArrayList<>();
        try (PreparedStatement statement = page.prepare(connection); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                ids.add(member.idType().coerce(rs.getObject(1)));
            }
        }
        return ids;
    }

    private static List<Object> rootIds(EntityType root, Collection<?> ids) {
        if (ids == null || ids.isEmpty()) {
            throw new dev.datalifecycle.api.InvalidRequestException("No " + root.name() + " ids given to plan");
        }
        if (ids.size() > MAX_ROOTS) {
            throw new dev.datalifecycle.api.InvalidRequestException(ids.size() + " " + root.name() + " ids given to one plan; at most "
                    + MAX_ROOTS + " can be planned at once: split them");
        }
        Set<Object> distinct = new LinkedHashSet<>();
        for (Object id : ids) {
            distinct.add(root.idType().coerce(id));
        }
        return List.copyOf(distinct);
    }

    private void checkRoots(Connection connection, EntityType root, List<Object> rootIds, PlanSql sql) throws SQLException {
        PlanQueries.checkRoots(connection, sql.roots(), root, rootIds);
    }

    private Summary summarise(Connection connection, PlanSql.Query query, IdType idType) throws SQLException {
        SqlBuilder sql = new SqlBuilder(dialect).append(query.with())
                .sql("SELECT q.id, COUNT(*) OVER (), SUM(").sql(hash(idType)).sql(") OVER () FROM (")
                .append(query.select()).sql(") q ORDER BY q.id ").sql(dialect.limit(sampleSize));
        List<Object> first = new ArrayList<>();
        long count = 0;
        String hashSum = "0";
        try (PreparedStatement statement = sql.prepare(connection); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                first.add(idType.coerce(rs.getObject(1)));
                count = rs.getLong(2);
                hashSum = rs.getBigDecimal(3).toPlainString();
            }
        }
        return new Summary(count, first, hashSum);
    }

    /**
     * A 32-bit hash of {@code q.id} for the fingerprint's sums. Numbers are mixed by arithmetic (the
     * modulus keeps the product inside BIGINT); text and UUIDs go through the dialect's hash function,
     * which costs a cast and a function call per row.
     */
    private String hash(IdType idType) {
        return hashOf(idType, dialect);
    }

    /** The per-id hash of {@code q.id} that fingerprints sum; see {@link #hash(IdType)}. */
    static String hashOf(IdType idType, Dialect dialect) {
        return hashOf(idType, dialect, "q.id");
    }

    /** The hash a fingerprint sums for the id {@code id} (an SQL expression) of a record whose ids are {@code idType}. */
    public static String hashOf(IdType idType, Dialect dialect, String id) {
        return idType == IdType.LONG || idType == IdType.INTEGER
                ? "MOD(MOD(" + id + ", " + HASH_MODULUS + ") * " + HASH_FACTOR + ", 4294967296)"
                : dialect.hashOfText(id);
    }

    /**
     * The hash {@link #hashOf} writes for a numeric id, computed here: SQL's {@code MOD} keeps the sign
     * of the dividend, as Java's {@code %} does. Lets a database that hands back the changed ids more
     * cheaply than it sums them (H2) have the sum taken in Java, to the same digits.
     */
    public static long hashOfNumber(long id) {
        return id % HASH_MODULUS * HASH_FACTOR % 4294967296L;
    }

    private static final long HASH_MODULUS = 4294967291L;
    private static final long HASH_FACTOR = 40503L;

    private static String digest(Set<String> lines) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String line : lines) {
                sha.update(line.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private record Summary(long count, List<Object> firstIds, String hashSum) {
    }

    /**
     * The count of a set and the sum of its ids' hashes, as a fingerprint takes them.
     *
     * @param count   how many records
     * @param hashSum the sum of their hashes, as plain decimal text ({@code 0} for none)
     */
    public record Counted(long count, String hashSum) {
    }
}
