package dev.datalifecycle.core.sql;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a failed statement says: whether it collided with another transaction, and which table it worked on. */
public final class SqlFailures {

    private static final Pattern TARGET = Pattern.compile(
            "^\\s*(?:UPDATE|DELETE\\s+FROM|INSERT\\s+INTO|SET\\s+STATEMENT\\s+.*?\\s+FOR\\s+UPDATE)\\s+([`\"]?)([A-Za-z0-9_$]+)\\1",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private SqlFailures() {
    }

    /** A deadlock, a serialization failure or a lock timeout: another transaction was in the way, and a retry is safe. */
    public static boolean collided(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return state.startsWith("40") || state.equals("HYT00") || state.equals("55P03") || e.getErrorCode() == 1205
                || e.getErrorCode() == 1213 || e.getErrorCode() == 50200;
    }

    /** The table a data-changing statement works on, or null for a query or when it cannot be told. */
    public static String targetTable(String sql) {
        Matcher m = TARGET.matcher(sql);
        return m.find() ? m.group(2) : null;
    }

    /**
     * A failed statement, with the table it worked on. Keeps the driver's SQLState and vendor code, so
     * that what looks at them (collisions, foreign-key refusals) sees the same failure.
     */
    public static final class TableFailure extends SQLException {

        private static final long serialVersionUID = 1L;

        private final String table;

        /** {@code cause} failed on {@code table}. */
        public TableFailure(String table, SQLException cause) {
            super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
            this.table = table;
        }

        /** The table the statement worked on. */
        public String table() {
            return table;
        }
    }

    /** The table a failure names, looking through its causes; null when none does. */
    public static String tableOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TableFailure f) {
                return f.table();
            }
        }
        return null;
    }
}
