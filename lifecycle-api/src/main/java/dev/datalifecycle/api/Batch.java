package dev.datalifecycle.api;

import java.util.List;
import java.util.Objects;

/**
 * Which records of one type a batch delete takes, and how.
 *
 * <pre>{@code
 * BatchReport report = lifecycle.deleteBatch(Batch.of("Lead", ids).inChunksOf(500), alice, "cleanup");
 * lifecycle.deleteBatch(Batch.matching("Lead", Criteria.eq("status", "SPAM")).allOrNothing(), alice, "GDPR");
 * }</pre>
 *
 * @param type               the records' type
 * @param ids                the records, or null for a criteria
 * @param criteria           which records, or null for ids
 * @param chunkSize          records a transaction, 1 to 10,000 (default 500); an all-or-nothing batch may hold no more
 * @param atomic             one transaction: every record deleted, or none (default: resumable chunks)
 * @param perRecord          each record its own deletion, restorable alone (default: one deletion per chunk)
 */
public record Batch(String type, List<Object> ids, Criteria criteria, int chunkSize, boolean atomic, boolean perRecord) {

    /** The most records a transaction of a batch holds. */
    public static final int MAX_CHUNK = 10_000;

    /** @throws InvalidRequestException when the chunk size is out of range */
    public Batch {
        Objects.requireNonNull(type, "type");
        if ((ids == null) == (criteria == null)) {
            throw new InvalidRequestException("A batch names its records by ids or by a criteria, one of them");
        }
        ids = ids == null ? null : List.copyOf(ids);
        if (chunkSize < 1 || chunkSize > MAX_CHUNK) {
            throw new InvalidRequestException("chunkSize must be between 1 and " + MAX_CHUNK + ", got " + chunkSize);
        }
    }

    /** The records of {@code type} with these ids, in chunks of 500, one deletion a chunk. */
    public static Batch of(String type, List<?> ids) {
        return new Batch(type, List.copyOf(ids), null, 500, false, false);
    }

    /** The live records of {@code type} that {@code criteria} selects, by id. */
    public static Batch matching(String type, Criteria criteria) {
        return new Batch(type, null, Objects.requireNonNull(criteria, "criteria"), 500, false, false);
    }

    /** {@code size} records a transaction. */
    public Batch inChunksOf(int size) {
        return new Batch(type, ids, criteria, size, atomic, perRecord);
    }

    /** One transaction for the whole batch: if any record is blocked or missing, none is deleted. */
    public Batch allOrNothing() {
        return new Batch(type, ids, criteria, chunkSize, true, perRecord);
    }

    /** Each record its own deletion, restorable alone; costs statements per record, not per chunk. */
    public Batch deletionPerRecord() {
        return new Batch(type, ids, criteria, chunkSize, atomic, true);
    }
}
