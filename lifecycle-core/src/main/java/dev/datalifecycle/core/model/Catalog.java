package dev.datalifecycle.core.model;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the database itself knows about the tables of the connection's schema: foreign keys, primary
 * keys and indexes, read once through {@link DatabaseMetaData}. Names are as the database stores them
 * (H2 upper-cases unquoted names, PostgreSQL lower-cases them, MariaDB keeps them; MariaDB reports the
 * database as the catalog, not the schema). Matching a model name against them is case-insensitive
 * unless the model name was quoted.
 */
public final class Catalog {

    /**
     * One single-column foreign key.
     *
     * @param name       the constraint's name
     * @param table      the referencing table
     * @param column     the referencing column
     * @param target     the referenced table
     * @param deleteRule the database's own rule: {@code CASCADE}, {@code SET NULL}, {@code RESTRICT}, ...
     * @param deferred   whether it is checked only at commit ({@code INITIALLY DEFERRED}, PostgreSQL)
     */
    public record ForeignKey(String name, String table, String column, String target, String deleteRule, boolean deferred) {
    }

    private final List<ForeignKey> foreignKeys;
    private final Map<String, List<String>> primaryKeys;
    private final Map<String, Set<String>> leadingIndexColumns;
    private final Map<String, IdType> primaryKeyTypes;

    private Catalog(List<ForeignKey> foreignKeys, Map<String, List<String>> primaryKeys, Map<String, Set<String>> leadingIndexColumns,
            Map<String, IdType> primaryKeyTypes) {
        this.foreignKeys = List.copyOf(foreignKeys);
        this.primaryKeys = primaryKeys;
        this.leadingIndexColumns = leadingIndexColumns;
        this.primaryKeyTypes = primaryKeyTypes;
    }

    /** Reads the tables of the connection's current catalog and schema. */
    public static Catalog read(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String catalog = connection.getCatalog();
        String schema = connection.getSchema();
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = meta.getTables(catalog, schema, "%", new String[] {"TABLE", "BASE TABLE"})) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME"));
            }
        }
        List<ForeignKey> foreignKeys = new ArrayList<>();
        Map<String, List<String>> primaryKeys = new HashMap<>();
        Map<String, Set<String>> indexes = new HashMap<>();
        Map<String, IdType> keyTypes = new HashMap<>();
        for (String table : tables) {
            importedKeys(meta, catalog, schema, table, foreignKeys);
            List<String> pk = new ArrayList<>();
            try (ResultSet rs = meta.getPrimaryKeys(catalog, schema, table)) {
                while (rs.next()) {
                    pk.add(rs.getString("COLUMN_NAME"));
                }
            }
            primaryKeys.put(fold(table), pk);
            if (pk.size() == 1) {
                try (ResultSet rs = meta.getColumns(catalog, schema, table, pk.get(0))) {
                    if (rs.next()) {
                        IdType type = idType(rs.getInt("DATA_TYPE"), rs.getString("TYPE_NAME"));
                        if (type != null) {
                            keyTypes.put(fold(table), type);
                        }
                    }
                }
            }
            Set<String> leading = new HashSet<>();
            try (ResultSet rs = meta.getIndexInfo(catalog, schema, table, false, true)) {
                while (rs.next()) {
                    if (rs.getShort("ORDINAL_POSITION") == 1 && rs.getString("COLUMN_NAME") != null) {
                        leading.add(fold(rs.getString("COLUMN_NAME")));
                    }
                }
            }
            indexes.put(fold(table), leading);
        }
        return new Catalog(foreignKeys, primaryKeys, indexes, keyTypes);
    }

    /**
     * The single-column foreign keys held by {@code tables} (model names, quoted when they were
     * quoted), read from the connection's current catalog and schema: one metadata call per table,
     * not the whole schema.
     */
    public static List<ForeignKey> foreignKeysOf(Connection connection, java.util.Collection<String> tables) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String catalog = connection.getCatalog();
        String schema = connection.getSchema();
        List<String> stored = new ArrayList<>();
        try (ResultSet rs = meta.getTables(catalog, schema, "%", new String[] {"TABLE", "BASE TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                if (tables.stream().anyMatch(t -> same(t, name))) {
                    stored.add(name);
                }
            }
        }
        List<ForeignKey> found = new ArrayList<>();
        for (String table : stored) {
            importedKeys(meta, catalog, schema, table, found);
        }
        return found;
    }

    /** Adds the single-column foreign keys {@code table} holds to {@code into}. */
    private static void importedKeys(DatabaseMetaData meta, String catalog, String schema, String table, List<ForeignKey> into)
            throws SQLException {
        Map<String, List<String[]>> byConstraint = new HashMap<>();
        try (ResultSet rs = meta.getImportedKeys(catalog, schema, table)) {
            while (rs.next()) {
                String name = rs.getString("FK_NAME");
                String key = name != null ? name : rs.getString("PKTABLE_NAME") + "#" + rs.getString("FKCOLUMN_NAME");
                byConstraint.computeIfAbsent(key, k -> new ArrayList<>()).add(new String[] {
                    rs.getString("FKCOLUMN_NAME"), rs.getString("PKTABLE_NAME"), deleteRule(rs.getShort("DELETE_RULE")),
                    String.valueOf(rs.getShort("DEFERRABILITY") == DatabaseMetaData.importedKeyInitiallyDeferred)});
            }
        }
        byConstraint.forEach((name, columns) -> {
            if (columns.size() == 1) {
                String[] c = columns.get(0);
                into.add(new ForeignKey(name, table, c[0], c[1], c[2], Boolean.parseBoolean(c[3])));
            }
        });
    }

    /** Every single-column foreign key of the schema. */
    public List<ForeignKey> foreignKeys() {
        return foreignKeys;
    }

    /** The primary-key columns of a table (empty when it has none or is unknown). */
    public List<String> primaryKey(String table) {
        return primaryKeys.getOrDefault(fold(table), List.of());
    }

    /** The id type of a table with a single-column primary key of a supported type, or {@code null}. */
    public IdType primaryKeyType(String table) {
        return primaryKeyTypes.get(fold(table));
    }

    private static IdType idType(int jdbcType, String typeName) {
        switch (jdbcType) {
            case java.sql.Types.BIGINT:
                return IdType.LONG;
            case java.sql.Types.INTEGER:
            case java.sql.Types.SMALLINT:
            case java.sql.Types.TINYINT:
                return IdType.INTEGER;
            case java.sql.Types.CHAR:
            case java.sql.Types.VARCHAR:
            case java.sql.Types.NVARCHAR:
                return "uuid".equalsIgnoreCase(typeName) ? IdType.UUID : IdType.STRING;
            default:
                return typeName != null && typeName.toLowerCase(Locale.ROOT).contains("uuid") ? IdType.UUID : null;
        }
    }

    /** Whether some index of {@code table} starts with {@code column}, so lookups by it need no scan. */
    public boolean indexed(String table, String column) {
        return leadingIndexColumns.getOrDefault(fold(table), Set.of()).contains(fold(column));
    }

    /** Whether a model name (quoted in double quotes when it was quoted) names this catalog name. */
    public static boolean same(String modelName, String catalogName) {
        if (modelName.length() > 2 && modelName.startsWith("\"") && modelName.endsWith("\"")) {
            return modelName.substring(1, modelName.length() - 1).equals(catalogName);
        }
        return modelName.equalsIgnoreCase(catalogName);
    }

    private static String fold(String name) {
        String bare = name.length() > 2 && name.startsWith("\"") && name.endsWith("\"") ? name.substring(1, name.length() - 1) : name;
        return bare.toLowerCase(Locale.ROOT);
    }

    private static String deleteRule(short rule) {
        return switch (rule) {
            case DatabaseMetaData.importedKeyCascade -> "CASCADE";
            case DatabaseMetaData.importedKeySetNull -> "SET NULL";
            case DatabaseMetaData.importedKeySetDefault -> "SET DEFAULT";
            case DatabaseMetaData.importedKeyRestrict -> "RESTRICT";
            default -> "NO ACTION";
        };
    }
}
