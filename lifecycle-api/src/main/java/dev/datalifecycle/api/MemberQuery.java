package dev.datalifecycle.api;

import java.util.Objects;

/**
 * Which page of one deletion's records to list: the records of one type, by id.
 *
 * <pre>{@code
 * BinPage<BinMember> contacts = lifecycle.members(deletionId, alice, MemberQuery.of("Contact").pageSize(20));
 * BinPage<BinMember> more = lifecycle.members(deletionId, alice, MemberQuery.of("Contact").pageSize(20).after(contacts.next().orElseThrow()));
 * }</pre>
 *
 * @param type     the records' type
 * @param pageSize records a page, 1 to 1,000 (default 50)
 * @param after    the cursor of the page before ({@link BinPage#next()}), or null for the first page
 */
public record MemberQuery(String type, int pageSize, String after) {

    /** @throws InvalidRequestException when the page size is out of range */
    public MemberQuery {
        Objects.requireNonNull(type, "type");
        if (pageSize < 1 || pageSize > 1000) {
            throw new InvalidRequestException("pageSize must be between 1 and 1000, got " + pageSize);
        }
    }

    /** The first page of the deletion's records of {@code type}, 50 a page. */
    public static MemberQuery of(String type) {
        return new MemberQuery(type, 50, null);
    }

    /** {@code size} records a page. */
    public MemberQuery pageSize(int size) {
        return new MemberQuery(type, size, after);
    }

    /** The page after the one whose {@link BinPage#next()} gave {@code cursor}. */
    public MemberQuery after(String cursor) {
        return new MemberQuery(type, pageSize, cursor);
    }
}
