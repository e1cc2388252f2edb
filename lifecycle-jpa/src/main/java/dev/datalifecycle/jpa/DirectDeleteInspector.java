package dev.datalifecycle.jpa;

import dev.datalifecycle.api.DirectDeleteRefusedException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Refuses a {@code DELETE} that Hibernate is about to send to a soft-deletable table: JPQL and
 * Criteria {@code delete} (single- and multi-table) and native queries. It reads the statement and
 * changes nothing in it; any inspector the host configured still runs, after it. The library's own
 * statements do not pass here (they run on the connection directly).
 */
final class DirectDeleteInspector implements StatementInspector {

    private static final long serialVersionUID = 1L;
    /** {@code DELETE FROM t}, and MariaDB's {@code DELETE alias FROM t alias} that Hibernate writes for multi-table deletes. */
    private static final Pattern DELETE = Pattern.compile(
            "\\bdelete\\s+(?:(?!from\\b)[`\"\\w]+(?:\\s*,\\s*[`\"\\w]+)*\\s+)?from\\s+([`\"\\w.$]+)", Pattern.CASE_INSENSITIVE);

    /** Unquoted, lower-cased table name to the JPA name of the type whose records it holds. */
    private final Map<String, String> softDeletableTables;
    private final StatementInspector next;

    DirectDeleteInspector(Map<String, String> softDeletableTables, StatementInspector next) {
        this.softDeletableTables = Map.copyOf(softDeletableTables);
        this.next = next == null ? StatementInspector.NONE : next;
    }

    @Override
    public String inspect(String sql) {
        Matcher m = DELETE.matcher(sql);
        while (m.find()) {
            String type = softDeletableTables.get(bare(m.group(1)));
            if (type != null) {
                throw new DirectDeleteRefusedException(type);
            }
        }
        String inspected = next.inspect(sql);
        return inspected == null ? sql : inspected;
    }

    /** {@code schema."Table"} to {@code table}. */
    static String bare(String name) {
        String last = name.substring(name.lastIndexOf('.') + 1);
        return last.replace("\"", "").replace("`", "").toLowerCase(Locale.ROOT);
    }
}
