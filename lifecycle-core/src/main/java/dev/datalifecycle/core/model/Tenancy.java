package dev.datalifecycle.core.model;

/** How the records of an entity type belong to tenants. */
public sealed interface Tenancy {

    /** The primary table has a tenant column. */
    record ByColumn(String column) implements Tenancy {
    }

    /**
     * The tenant is the tenant of the record a reference points to (a contact belongs to its
     * customer's tenant): one hop, to a type that has a tenant column.
     *
     * @param column     the reference column in this type's primary table
     * @param targetType the referenced type
     */
    record ByReference(String column, String targetType) implements Tenancy {
    }

    /** Shared by all tenants (reference data); queries are not restricted. */
    record Global() implements Tenancy {
    }

    /** Not declared: fine in a model without tenants, an error for a soft-deletable type in one with. */
    record None() implements Tenancy {
    }
}
