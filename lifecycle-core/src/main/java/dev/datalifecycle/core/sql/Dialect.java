package dev.datalifecycle.core.sql;

/**
 * What differs between the databases the engine supports, named as capabilities rather than
 * products, so that no code outside this package asks "is this PostgreSQL?". One small
 * implementation per database; {@link Dialects} picks one from the connection's metadata.
 */
public interface Dialect {

    /** The product this dialect speaks to, e.g. {@code PostgreSQL}. */
    String product();

    /**
     * Quotes an identifier taken from the validated model (table, column), keeping its case. A quote
     * character inside the name is doubled, so no identifier can end the quoting early.
     */
    String quote(String identifier);

    /**
     * Writes an identifier from the model the way the host's DDL wrote it. A name in double quotes
     * or backticks ({@code "\"Deal\""}) was quoted there: it is quoted here, exactly. A plain name
     * ({@code customer_id}, {@code CustomerId}) that is not a reserved word was not: it stays
     * unquoted, so the database folds its case exactly as it folded the DDL (H2 to upper case,
     * PostgreSQL to lower case, MariaDB not at all). Any other name is quoted as given.
     */
    String identifier(String name);

    /**
     * The folder of this database's migrations under {@code db/lifecycle/} on the class path
     * ({@code h2}, {@code postgresql}, {@code mariadb}), for the installer and for Flyway.
     */
    String migrationFolder();

    /** Whether {@code SELECT ... FOR UPDATE SKIP LOCKED} is available (all three: yes). */
    boolean supportsSkipLocked();

    /**
     * The clause for a locking read that conflicts with a concurrent soft-delete {@code UPDATE} but
     * not with other readers: {@code FOR SHARE} on PostgreSQL, {@code LOCK IN SHARE MODE} on MariaDB,
     * and {@code FOR UPDATE} on H2, which rejects both shared forms.
     */
    String sharedLockClause();

    /**
     * An SQL expression giving a 32-bit hash of the text of {@code expression} (an id column), the
     * same for the same value on this database; summed per type to fingerprint a set of ids.
     */
    String hashOfText(String expression);

    /**
     * {@code expression} (an id) as text, in one type wide enough for any id, so that ids of
     * different types can share a column: a cascade cycle through several types is walked by one
     * recursive query over (type, id as text).
     */
    String idAsText(String expression);

    /** Text written by {@link #idAsText} back as an id of {@code type}, to assign to an id column. */
    default String textAsId(String expression, dev.datalifecycle.core.model.IdType type) {
        return switch (type) {
            case LONG -> "CAST(" + expression + " AS BIGINT)";
            case INTEGER -> "CAST(" + expression + " AS INTEGER)";
            case UUID -> "CAST(" + expression + " AS UUID)";
            case STRING -> expression;
        };
    }

    /**
     * Wraps {@code update} (an UPDATE of a table aliased {@code p}) so that it returns one row of
     * aggregates over the ids of the rows it changed, {@code aggregatesOver} the SQL expression of such
     * an id: the change and its summary in one statement. {@code null} where the database cannot
     * (MariaDB has no UPDATE ... RETURNING).
     */
    default SqlBuilder summarisedUpdate(SqlBuilder update, String idColumn, java.util.function.UnaryOperator<String> aggregatesOver) {
        return null;
    }

    /**
     * Wraps {@code update} (an UPDATE of a table aliased {@code p}) so that it returns the id of each
     * row it changed, where reading them back is cheaper than summing their hashes in the statement
     * (H2, in the same JVM: 4.3 ms against 5.0 ms for 5,000 rows); {@code null} elsewhere.
     */
    default SqlBuilder changedIds(SqlBuilder update, String idColumn) {
        return null;
    }

    /**
     * Where {@link #summarisedUpdate} is not possible: the value to assign in a marking UPDATE in place
     * of {@code value}, so that each row it changes also adds {@code hash} (an expression over the
     * row) to running sum number {@code slot} of the session, which {@link #readRunningSums} reads
     * after {@link #resetRunningSums} set them to zero. {@code null} where the database keeps no such
     * sums; the caller then reads the changed rows again.
     */
    default SqlBuilder summingValue(SqlBuilder value, String hash, int slot) {
        return null;
    }

    /** Whether {@link #summingValue} keeps running sums here (only where {@link #summarisedUpdate} cannot summarise). */
    default boolean keepsRunningSums() {
        return false;
    }

    /** The statement that sets running sums {@code 0 .. slots - 1} to zero (see {@link #summingValue}). */
    default String resetRunningSums(int slots) {
        throw new UnsupportedOperationException(product() + " keeps no running sums");
    }

    /** The query that reads running sums {@code 0 .. slots - 1} as one row (see {@link #summingValue}). */
    default String readRunningSums(int slots) {
        throw new UnsupportedOperationException(product() + " keeps no running sums");
    }

    /**
     * A marking UPDATE that writes the deletion's time {@code at}: {@code update} is given the SQL value
     * to assign to the deleted-at column and returns the statement, which this may wrap. By default the
     * value is {@code at}, bound. A dialect that wraps here neither summarises nor reads changed ids
     * ({@link #summarisedUpdate}, {@link #changedIds}), which would wrap the statement again.
     */
    default SqlBuilder stampedUpdate(java.sql.Timestamp at, java.util.function.Function<SqlBuilder, SqlBuilder> update) {
        return update.apply(new SqlBuilder(this).bind(at));
    }

    /**
     * Whether a locking read sees rows committed after the transaction's snapshot at every isolation
     * level above READ UNCOMMITTED. MariaDB (InnoDB): yes, locking reads always read the latest
     * commit. PostgreSQL and H2: only at READ COMMITTED; at REPEATABLE READ and SERIALIZABLE a locking
     * read keeps to the snapshot, so a blocker committed since would go unseen.
     */
    default boolean lockingReadsSeeNewerCommits() {
        return false;
    }

    /**
     * Whether {@code UNION} in a recursive common table expression drops rows already produced by
     * earlier iterations, so that a cycle in the data ends the recursion. PostgreSQL and MariaDB: yes.
     * H2 2.5: no, it only removes repeats within one iteration and loops forever on a cycle.
     */
    default boolean recursiveUnionEndsCycles() {
        return true;
    }

    /**
     * The text to prepare for a statement that uses common table expressions, adjusted for
     * what this database gets wrong with them. H2 2.5 caches a parsed statement by its text and, when
     * one CTE is read by another or by a derived table, reuses the first execution's CTE rows for later
     * parameters: its text is made unique. MariaDB silently stops a recursive CTE after
     * {@code max_recursive_iterations} (1,000 by default): the limit is lifted for that statement only.
     */
    default String forCommonTableExpressions(String sql) {
        return sql;
    }

    /**
     * Whether an {@code IN (subquery)} is run again for every row once its table has uncommitted
     * changes in the same transaction (H2 2.5: yes, which turns a set-based UPDATE quadratic). Where it
     * is, the engine probes with a correlated {@code EXISTS} by id instead; elsewhere {@code IN}, which
     * PostgreSQL hashes once (an {@code OR} of {@code EXISTS} costs it a probe per row).
     */
    default boolean rerunsInSubqueryAfterOwnChanges() {
        return false;
    }

    /**
     * Whether the values of one set missing from another are found faster by {@code EXCEPT} (two scans,
     * hashed) than by an outer join on the key. PostgreSQL: yes; its statistics seldom know how many rows
     * a deletion marked, so it nests a loop of index probes for the join (13 ms against 4 ms for 5,000
     * rows). MariaDB: no; its clustered primary key makes the probes cheap, and its {@code EXCEPT} goes
     * through a temporary table.
     */
    default boolean prefersSetDifference() {
        return false;
    }

    /**
     * Where {@link #prefersSetDifference()} does not hold: whether a value missing from a set of keys
     * is found faster by {@code NOT IN (subquery)} than by an outer join on the key. MariaDB: yes, it
     * materializes the subquery once into a hashed temporary table (8 ms against 10 ms for the 5,000
     * references of a restore); H2: no, it runs such a subquery again for each row.
     */
    default boolean prefersNotIn() {
        return false;
    }

    /**
     * Whether a restore's UPDATEs, one per table, can run as one statement of data-modifying common
     * table expressions whose {@code RETURNING} lists are compared there, so the look for references
     * pointing outside the deletion reads what the UPDATEs return instead of scanning the tables
     * again. PostgreSQL: yes (a restore of 10,000 rows: its look cost 12 ms of 55 before, about 4 ms
     * this way). MariaDB and H2 change one table per statement.
     */
    default boolean restoresInOneStatement() {
        return false;
    }

    /** {@code LIMIT n}, or what this database says instead, after {@code ORDER BY}. */
    default String limit(int rows) {
        return "LIMIT " + rows;
    }

    /** Binds a value (an id, a criteria value) at {@code index}. */
    default void bind(java.sql.PreparedStatement statement, int index, Object value) throws java.sql.SQLException {
        statement.setObject(index, value);
    }
}
