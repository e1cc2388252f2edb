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
    private final dev.datalifecycle.api.Authorizer authorizer;

    /** A planner showing the first {@value #DEFAULT_SAMPLE_SIZE} ids of each entry. */
    public DeletePlanner(LifecycleModel model, Dialect dialect) {
        this(model, dialect, DEFAULT_SAMPLE_SIZE);
    }

    /**
     * @param sampleSize how many ids each plan entry shows (at least 1)
     */
    public DeletePlanner(LifecycleModel model, Dialect dialect, int sampleSize) {
        this(model, dialect, sampleSize, dev.datalifecycle.api.Authorizer.allowAll());
    }

    /**
     * A planner that asks {@code authorizer} before each plan.
     *
     * @param sampleSize how many ids each plan entry shows (at least 1)
     */
    public DeletePlanner(LifecycleModel model, Dialect dialect, int sampleSize, dev.datalifecycle.api.Authorizer authorizer) {
        this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
        this.model = Objects.requireNonNull(model, "model");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        if (sampleSize < 1) {
            throw new IllegalArgumentException("sampleSize must be at least 1, got " + sampleSize);
        }
        this.sampleSize = sampleSize;
    }

    /**
     * Plans the delete of {@code ids} of {@code type} as {@code actor}.
     *
     * @throws dev.datalifecycle.api.UnknownEntityTypeException when the model has no such type
     * @throws IllegalArgumentException  when no ids or more than {@value #MAX_ROOTS} are given, an id
     *                                   is not of the type's id type,
     *                                   or the model has tenants and the actor none
     * @throws RecordNotFoundException   when a root does not exist in the actor's tenant
     * @throws AlreadyDeletedException   when a root is already in the recycle bin
     * @throws dev.datalifecycle.api.AccessDeniedException when the authorizer refuses
     * @throws SQLException              when the database fails
     */
    public DeletePlan plan(Connection connection, String type, Collection<?> ids, Actor actor) throws SQLException {
        EntityType root = model.type(type);
        authorizer.authorize(Objects.requireNonNull(actor, "actor"), dev.datalifecycle.api.Authorizer.Action.PLAN, root.name());
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
        List<DeletePlan.Entry> deleted = new ArrayList<>();
        List<DeletePlan.Entry> detached = new ArrayList<>();
        List<DeletePlan.Entry> blockers = new ArrayList<>();
        Set<String> fingerprint = new TreeSet<>();
        for (String each : closure.types()) {
            Summary s = summarise(connection, sql.deleted(each), model.type(each).idType());
            if (s.count > 0) {
                deleted.add(new DeletePlan.Entry(each, null, s.count, s.firstIds));
                fingerprint.add("delete|" + each + "|" + s.count + "|" + s.hashSum);
            }
        }
        for (String target : closure.types()) {
            for (Dependency d : model.dependenciesOn(target)) {
                if (d.kind() == DependencyKind.ELEMENT_COLLECTION) {
                    continue;
                }
                IdType idType = model.type(d.fromType()).idType();
                if (d.rule().possibleRules().contains(DeleteRule.RESTRICT)) {
                    Summary s = summarise(connection, refs.referencing(d, DeleteRule.RESTRICT), idType);
                    if (s.count > 0) {
                        blockers.add(new DeletePlan.Entry(d.fromType(), d.name(), s.count, s.firstIds));
                        fingerprint.add("block|" + d.name() + "|" + s.count + "|" + s.hashSum);
                    }
                }
                if (d.rule().possibleRules().contains(DeleteRule.DETACH)) {
                    Summary s = summarise(connection, refs.referencing(d, DeleteRule.DETACH), idType);
                    if (s.count > 0) {
                        detached.add(new DeletePlan.Entry(d.fromType(), d.name(), s.count, s.firstIds));
                        fingerprint.add("detach|" + d.name() + "|" + s.count + "|" + s.hashSum);
                    }
                }
            }
        }
        return new DeletePlan(type, rootIds, deleted, detached, blockers, digest(fingerprint));
    }

    /**
     * One page of the records of {@code type} that {@code plan} would delete, recomputed now, in
     * ascending id order after {@code afterId} (keyset paging: pass the last id of the previous page,
     * or {@code null} for the first).
     *
     * @throws IllegalArgumentException when {@code limit} is below 1
     */
    public List<Object> deletedIds(Connection connection, DeletePlan plan, String type, Object afterId, int limit, Actor actor)
            throws SQLException {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
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
            throw new IllegalArgumentException("No " + root.name() + " ids given to plan");
        }
        if (ids.size() > MAX_ROOTS) {
            throw new IllegalArgumentException(ids.size() + " " + root.name() + " ids given to one plan; at most "
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
        return idType == IdType.LONG || idType == IdType.INTEGER
                ? "MOD(MOD(q.id, 4294967291) * 40503, 4294967296)"
                : dialect.hashOfText("q.id");
    }

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
}
