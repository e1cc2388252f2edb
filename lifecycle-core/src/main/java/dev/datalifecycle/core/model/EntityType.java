package dev.datalifecycle.core.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One record type of the host: its tables, id, soft-delete markers, tenant, owner and unique keys.
 *
 * @param name          the type's name, e.g. {@code Customer}
 * @param tables        its tables, the primary one (with the markers, tenant and discriminator) first
 * @param idType        the Java type of its ids
 * @param markers       the soft-delete marker columns, empty for a type that is not soft-deletable
 * @param discriminator for a type that shares its table with others, which rows are its; or {@code null}
 * @param tenancy       how its records belong to tenants
 * @param ownerColumn   the column holding the owning user's id, or {@code null}
 * @param uniqueKeys    keys unique among live records
 * @param policy        how long its records and deletions are kept, and which columns are personal
 * @param label         how its records are named in the recycle bin, or empty
 */
public record EntityType(String name, List<Table> tables, IdType idType, Optional<Markers> markers,
        Discriminator discriminator, Tenancy tenancy, String ownerColumn, List<UniqueKey> uniqueKeys, Policy policy,
        Optional<Label> label) {

    public EntityType {
        Objects.requireNonNull(name, "name");
        tables = List.copyOf(tables);
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("Entity type " + name + " has no table");
        }
        Objects.requireNonNull(idType, "idType");
        Objects.requireNonNull(markers, "markers");
        Objects.requireNonNull(tenancy, "tenancy");
        uniqueKeys = List.copyOf(uniqueKeys);
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(label, "label");
    }

    /** The table that holds the id, markers, tenant and discriminator. */
    public Table primaryTable() {
        return tables.get(0);
    }

    /** The id column of the primary table. */
    public String idColumn() {
        return primaryTable().idColumn();
    }

    /** Whether records of this type go to the recycle bin (it has marker columns). */
    public boolean softDeletable() {
        return markers.isPresent();
    }

    /** The table of this type with that name, or empty. */
    public Optional<Table> table(String tableName) {
        return tables.stream().filter(t -> t.name().equals(tableName)).findFirst();
    }

    /** The first table of this type that has the column, or empty. */
    public Optional<Table> tableWithColumn(String column) {
        return tables.stream().filter(t -> t.has(column)).findFirst();
    }
}
