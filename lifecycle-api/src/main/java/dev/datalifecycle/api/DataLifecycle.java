package dev.datalifecycle.api;

import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

/**
 * The one entry point of Data Lifecycle: plan a delete, delete into the recycle bin, restore, purge,
 * list the bin. A host builds it once and shares it between threads: a Hibernate application with
 * {@code LifecycleJpa.builder(entityManagerFactory)} (lifecycle-jpa), an application on plain JDBC,
 * jOOQ or MyBatis with {@code LifecycleJdbc.builder(dataSource, model)} (lifecycle-core). Both builders
 * give the same contract.
 *
 * <p><b>Transactions.</b> Each operation runs in a transaction of its own, committed when it returns
 * and rolled back when it throws; long work (a batch, a purge of the bin) runs one transaction per
 * chunk. {@link #with(HostTransaction)} runs the operations in the host's transaction instead, never
 * committing it: a Hibernate host passes {@code LifecycleJpa.transactionOf(entityManager)}, a JDBC host
 * {@link JdbcTransaction#of(java.sql.Connection)}.
 *
 * <p><b>Argument order.</b> Every operation takes what it acts on first, then the {@link Actor}, then
 * the reason or the options. Every operation asks the authorizer once, before it changes anything.
 *
 * <p><b>Failures.</b> Only {@link LifecycleException} subtypes escape: a business refusal has its own
 * ({@link DeleteBlockedException}, {@link StalePlanException}, {@link NotInBinException}, {@link
 * AccessDeniedException}, {@link InvalidRequestException}, ...); a failure of the database is a
 * {@link DatabaseException} naming the operation and, where known, the deletion and the table; a
 * collision with another transaction is a {@link ConcurrentChangeException}, safe to retry.
 *
 * <pre>{@code
 * DataLifecycle lifecycle = LifecycleJpa.builder(entityManagerFactory).build();
 * DeletePlan plan = lifecycle.plan(Customer.class, 42L, alice);        // changes nothing
 * Deletion deletion = lifecycle.delete(plan, alice, "duplicate");      // refuses if the plan went stale
 * BinPage<BinEntry> bin = lifecycle.list(BinQuery.all().type("Customer"), alice);
 * lifecycle.restore(deletion.id(), alice);
 * PurgeReport report = lifecycle.purgeBin(BinPurge.expired().inChunksOf(200), system);
 * }</pre>
 */
public interface DataLifecycle {

    /**
     * The same operations, run in the host's {@code transaction}, which must be active: flushed first
     * where the integration has something to flush, never committed or rolled back by the library. A
     * refused or failed operation undoes only what it did itself. Long operations run every chunk in
     * that transaction.
     *
     * @throws InvalidRequestException when the transaction is not active, or is of a kind this entry
     *                                 point cannot join (a Hibernate entry point joins an
     *                                 {@code EntityManager}'s transaction)
     */
    DataLifecycle with(HostTransaction transaction);

    /**
     * What deleting the record of {@code type} with {@code id} would take, detach and be blocked by;
     * changes nothing.
     *
     * @throws UnknownEntityTypeException when the model has no such type
     * @throws RecordNotFoundException    when the record does not exist for the actor
     * @throws InvalidRequestException    when the id is not one of the type's ids, or the actor has no tenant in a tenanted model
     */
    DeletePlan plan(String type, Object id, Actor actor);

    /**
     * As {@link #plan(String, Object, Actor)}, the type named by its class: a Hibernate entry point
     * asks the mappings; a JDBC entry point takes the type named as the class's simple name.
     */
    DeletePlan plan(Class<?> type, Object id, Actor actor);

    /**
     * What deleting the records of {@code type} with {@code ids} together, as one deletion with several
     * roots, would take; changes nothing.
     *
     * @throws InvalidRequestException when no ids, or more than 10,000, are given
     * @see #plan(String, Object, Actor)
     */
    DeletePlan plan(String type, Collection<?> ids, Actor actor);

    /**
     * One page of the ids of the records of {@code query.type()} that {@code plan} would delete, worked
     * out again now (a plan lists only the first few ids of each type), in ascending id order. The
     * page's cursor is the text of its last id.
     *
     * @throws UnknownEntityTypeException when the query names a type the model does not have
     * @throws InvalidRequestException    when the cursor is not an id of that type
     * @throws AccessDeniedException      when the authorizer refuses (asked as a {@link Operation#PLAN})
     */
    BinPage<Object> planned(DeletePlan plan, Actor actor, MemberQuery query);

    /**
     * Deletes what {@code plan} showed into the recycle bin, as one deletion: the roots and every
     * CASCADE record are marked, DETACH references cleared (kept for restore). Refuses, changing
     * nothing, when something blocks or what the delete would take is no longer what the plan showed.
     *
     * @throws DeleteBlockedException  when RESTRICT dependencies stand in the way
     * @throws StalePlanException      when what the delete takes, detaches or is blocked by changed since the plan
     * @throws AlreadyDeletedException when a root is in the bin already
     * @throws RecordNotFoundException when a root is gone or in another tenant
     * @throws AccessDeniedException   when the authorizer refuses
     */
    Deletion delete(DeletePlan plan, Actor actor, String reason);

    /**
     * Deletes many records of one type, with an outcome per record: in resumable chunks, each one
     * transaction (a batch stopped half-way keeps its finished chunks and can be run again), or all or
     * nothing (see {@link Batch}).
     *
     * @throws InvalidRequestException when an all-or-nothing batch holds more records than its chunk size
     * @throws AccessDeniedException   when the authorizer refuses
     */
    BatchReport deleteBatch(Batch batch, Actor actor, String reason);

    /**
     * Restores deletion {@code deletionId} whole: exactly the rows it marked come back and the references
     * it cleared are set again.
     *
     * @return the deletions restored and the records each type got back
     * @throws RecordNotFoundException           when there is no such deletion in the actor's tenant
     * @throws NotInBinException                 when it was restored or purged already
     * @throws RestoreDependsOnDeletionException when one of its records references a record another
     *                                           deletion holds (see {@link RestoreOptions#alsoWhatItNeeds()})
     * @throws RestoreConflictException          when a live record now holds one of its unique keys
     * @throws AccessDeniedException             when the authorizer refuses
     */
    RestoreReport restore(UUID deletionId, Actor actor, RestoreOptions options);

    /** {@link #restore(UUID, Actor, RestoreOptions)} with {@link RestoreOptions#defaults()}. */
    default RestoreReport restore(UUID deletionId, Actor actor) {
        return restore(deletionId, actor, RestoreOptions.defaults());
    }

    /**
     * Purges deletion {@code deletionId}: its records are deleted for good, children before parents, and
     * the deletion stays as a tombstone (state PURGED, counts kept, label erased).
     *
     * @return how many records of each type went
     * @throws RecordNotFoundException when there is no such deletion in the actor's tenant
     * @throws NotInBinException       when it was restored or purged already
     * @throws PurgeBlockedException   when records outside it reference its records (see {@link PurgeOptions})
     * @throws AccessDeniedException   when the authorizer refuses
     */
    PurgeReport purge(UUID deletionId, Actor actor, PurgeOptions options);

    /** {@link #purge(UUID, Actor, PurgeOptions)} with {@link PurgeOptions#defaults()}. */
    default PurgeReport purge(UUID deletionId, Actor actor) {
        return purge(deletionId, actor, PurgeOptions.defaults());
    }

    /**
     * Purges the deletions {@code purge} selects from the bin (those past their expiry, or all of
     * them) in chunks, each chunk one transaction, telling its progress after each; a deletion whose
     * records are referenced from outside is left in the bin and reported. An actor without a tenant
     * purges every tenant's bin (a scheduled job). Stopped half-way, it keeps what it committed.
     *
     * @throws AccessDeniedException when the authorizer refuses
     */
    PurgeReport purgeBin(BinPurge purge, Actor actor);

    /**
     * Takes the records of {@code type} the host deleted before it adopted the library (its deleted
     * flag or timestamp set, no deletion id) into the bin as one deletion in the actor's tenant, each
     * record a root; nothing cascades.
     *
     * @return the deletion, or empty when there was nothing to adopt
     * @throws InvalidRequestException when the type is not soft-deletable
     * @throws AccessDeniedException   when the authorizer refuses (asked as a {@link Operation#DELETE})
     */
    Optional<Deletion> adopt(String type, Actor actor, String reason);

    /**
     * One page of the recycle bin, newest first: each deletion with its root's label, counts and expiry.
     *
     * @throws InvalidRequestException when the query's cursor is not one a page gave
     * @throws AccessDeniedException   when the authorizer refuses
     */
    BinPage<BinEntry> list(BinQuery query, Actor actor);

    /**
     * One page of the records deletion {@code deletionId} took, by type and id, with their labels.
     *
     * @throws RecordNotFoundException    when there is no such deletion in the actor's tenant
     * @throws UnknownEntityTypeException when the query names a type the model does not have
     * @throws AccessDeniedException      when the authorizer refuses
     */
    BinPage<BinMember> members(UUID deletionId, Actor actor, MemberQuery query);
}
