package dev.datalifecycle.core.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Describes one entity type for {@link LifecycleModelBuilder#type}. Columns are declared on the table
 * declared last ({@link #table} or {@link #secondaryTable}); the id, marker and tenant columns declare
 * themselves. Mistakes are collected and reported together by {@code build()}.
 */
public final class EntityTypeBuilder {

    private final String name;
    private final List<String> problems;
    private final List<TableDraft> tables = new ArrayList<>();
    private IdType idType;
    private Markers markers;
    private Discriminator discriminator;
    private Tenancy tenancy = new Tenancy.None();
    private String tenantReference;
    private String ownerColumn;
    private final List<UniqueKey> uniqueKeys = new ArrayList<>();
    private java.time.Period binRetention;
    private Policy.KeepLive keepLive;
    private final List<String> personalData = new ArrayList<>();
    private Label label;

    EntityTypeBuilder(String name, List<String> problems) {
        this.name = name;
        this.problems = problems;
    }

    /** The primary table (it holds the id, markers, tenant and discriminator). */
    public EntityTypeBuilder table(String table) {
        if (!tables.isEmpty()) {
            problems.add(name + ": primary table '" + table + "' declared after table '" + tables.get(0).name
                    + "': declare the primary table first, further ones with secondaryTable");
            return this;
        }
        tables.add(new TableDraft(table, null));
        return this;
    }

    /** The id column of the primary table and the ids' Java type. */
    public EntityTypeBuilder id(String column, IdType type) {
        if (tables.isEmpty()) {
            problems.add(name + ": id '" + column + "' declared before the primary table");
            return this;
        }
        tables.get(0).idColumn = column;
        tables.get(0).columns.put(column, new Column(column, false));
        this.idType = type;
        return this;
    }

    /**
     * A further table of the type (a JOINED subclass's table, a secondary table) whose {@code idColumn}
     * holds the primary table's id.
     */
    public EntityTypeBuilder secondaryTable(String table, String idColumn) {
        if (tables.isEmpty()) {
            problems.add(name + ": secondary table '" + table + "' declared before the primary table");
            return this;
        }
        TableDraft draft = new TableDraft(table, idColumn);
        draft.columns.put(idColumn, new Column(idColumn, false));
        tables.add(draft);
        return this;
    }

    /**
     * A JOINED subclass's own table, whose {@code idColumn} holds the primary table's id: only rows
     * that have a row here are records of this type.
     */
    public EntityTypeBuilder subclassTable(String table, String idColumn) {
        secondaryTable(table, idColumn);
        if (tables.size() > 1) {
            tables.get(tables.size() - 1).identifying = true;
        }
        return this;
    }

    /** Columns that accept {@code NULL}, in the table declared last. */
    public EntityTypeBuilder nullable(String... columns) {
        return columns(true, columns);
    }

    /** Columns that do not accept {@code NULL}, in the table declared last. */
    public EntityTypeBuilder notNull(String... columns) {
        return columns(false, columns);
    }

    /** The soft-delete marker columns, in the primary table: the type goes to the recycle bin. */
    public EntityTypeBuilder markers(String deletionIdColumn, String deletedAtColumn) {
        markers = new Markers(deletionIdColumn, deletedAtColumn);
        primary().ifPresent(t -> {
            t.columns.put(deletionIdColumn, new Column(deletionIdColumn, true));
            t.columns.put(deletedAtColumn, new Column(deletedAtColumn, true));
        });
        return this;
    }

    /**
     * A boolean deleted flag the primary table already has, adopted beside the markers: the library
     * sets it on delete and clears it on restore, so the host's own queries on it keep working.
     * Declare it after {@link #markers(String, String)}.
     */
    public EntityTypeBuilder deletedFlag(String column) {
        if (markers == null) {
            problems.add(name + ": deleted flag '" + column + "' declared before markers(deletionIdColumn, deletedAtColumn)");
            return this;
        }
        markers = new Markers(markers.deletionIdColumn(), markers.deletedAtColumn(), column);
        primary().ifPresent(t -> t.columns.put(column, new Column(column, true)));
        return this;
    }

    /** The tenant is in this column of the primary table. */
    public EntityTypeBuilder tenantColumn(String column) {
        tenancy = new Tenancy.ByColumn(column);
        primary().ifPresent(t -> t.columns.putIfAbsent(column, new Column(column, false)));
        return this;
    }

    /**
     * The tenant is the tenant of the record this reference column points to (declared with
     * {@link LifecycleModelBuilder#reference}); that type must have a tenant column.
     */
    public EntityTypeBuilder tenantVia(String referenceColumn) {
        tenantReference = referenceColumn;
        return this;
    }

    /** Records of this type are shared by all tenants. */
    public EntityTypeBuilder global() {
        tenancy = new Tenancy.Global();
        return this;
    }

    /** The column holding the owning user's id. */
    public EntityTypeBuilder owner(String column) {
        ownerColumn = column;
        return this;
    }

    /** The type shares its primary table; these discriminator values are its rows. */
    public EntityTypeBuilder discriminator(String column, Object... values) {
        discriminator = new Discriminator(column, List.of(values));
        return this;
    }

    /** Columns of the table declared last whose values are unique among live records. */
    public EntityTypeBuilder uniqueKey(String keyName, String... columns) {
        if (tables.isEmpty()) {
            problems.add(name + ": unique key '" + keyName + "' declared before any table");
            return this;
        }
        uniqueKeys.add(new UniqueKey(keyName, tables.get(tables.size() - 1).name, List.of(columns)));
        return this;
    }

    /** How long deletions of this type stay in the recycle bin (instead of the model's default). */
    public EntityTypeBuilder binRetention(java.time.Period period) {
        binRetention = period;
        return this;
    }

    /**
     * Live records expire {@code period} after the time in {@code ageColumn} (of the primary table),
     * and are then purged or anonymized.
     */
    public EntityTypeBuilder keepFor(java.time.Period period, String ageColumn, dev.datalifecycle.api.ExpiryAction action) {
        keepLive = new Policy.KeepLive(period, ageColumn, action);
        return this;
    }

    /** Columns of the primary table that hold personal data. */
    public EntityTypeBuilder personalData(String... columns) {
        personalData.addAll(List.of(columns));
        return this;
    }

    String name() {
        return name;
    }

    String tenantReference() {
        return tenantReference;
    }

    /** The entity type, or null when its basics are missing (already reported). */
    EntityType buildType(java.time.Period defaultBinRetention) {
        if (tables.isEmpty()) {
            problems.add(name + ": no table declared: call table(...)");
            return null;
        }
        if (idType == null || tables.get(0).idColumn == null) {
            problems.add(name + ": no id declared: call id(column, IdType)");
            return null;
        }
        List<Table> built = new ArrayList<>();
        for (TableDraft draft : tables) {
            built.add(new Table(draft.name, draft.idColumn, draft.columns, draft.identifying));
        }
        Policy policy = new Policy(binRetention != null ? binRetention : defaultBinRetention, Optional.ofNullable(keepLive), personalData);
        if (label != null && label.column() != null && !built.get(0).has(label.column())) {
            problems.add(name + ": label column '" + label.column() + "' is not a column of " + built.get(0).name()
                    + ": declare it with nullable(...) or notNull(...), or give an expression");
        }
        return new EntityType(name, built, idType, Optional.ofNullable(markers), discriminator, tenancy, ownerColumn, uniqueKeys, policy,
                Optional.ofNullable(label));
    }

    /** Names its records in the recycle bin by this column of the primary table. */
    public EntityTypeBuilder label(String column) {
        this.label = Label.ofColumn(column);
        return this;
    }

    /**
     * Names its records in the recycle bin by this SQL expression of text type over the primary
     * table's columns, unqualified, e.g. {@code first_name || ' ' || last_name}.
     */
    public EntityTypeBuilder labelExpression(String sql) {
        this.label = Label.ofExpression(sql);
        return this;
    }

    private EntityTypeBuilder columns(boolean nullable, String... columns) {
        if (tables.isEmpty()) {
            problems.add(name + ": columns " + List.of(columns) + " declared before any table");
            return this;
        }
        TableDraft last = tables.get(tables.size() - 1);
        for (String column : columns) {
            last.columns.put(column, new Column(column, nullable));
        }
        return this;
    }

    private Optional<TableDraft> primary() {
        if (tables.isEmpty()) {
            problems.add(name + ": markers or tenant declared before the primary table");
            return Optional.empty();
        }
        return Optional.of(tables.get(0));
    }

    private static final class TableDraft {
        final String name;
        String idColumn;
        boolean identifying;
        final Map<String, Column> columns = new LinkedHashMap<>();

        TableDraft(String name, String idColumn) {
            this.name = name;
            this.idColumn = idColumn;
        }
    }
}
