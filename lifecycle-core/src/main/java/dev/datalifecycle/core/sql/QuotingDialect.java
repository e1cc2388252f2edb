package dev.datalifecycle.core.sql;

/** What the three dialects share: quoting with one character that is doubled inside a name. */
abstract class QuotingDialect implements Dialect {

    private final String product;
    private final String quote;

    QuotingDialect(String product, char quote) {
        this.product = product;
        this.quote = String.valueOf(quote);
    }

    @Override
    public final String product() {
        return product;
    }

    @Override
    public final String quote(String identifier) {
        if (identifier == null || identifier.isEmpty() || identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("Not an SQL identifier: '" + identifier + "'");
        }
        return quote + identifier.replace(quote, quote + quote) + quote;
    }

    @Override
    public final String identifier(String name) {
        if (name != null && name.length() > 2 && (name.charAt(0) == '"' && name.endsWith("\"")
                || name.charAt(0) == '`' && name.endsWith("`"))) {
            return quote(name.substring(1, name.length() - 1));
        }
        return isPlain(name) ? name : quote(name);
    }

    private static boolean isPlain(String name) {
        if (name == null || name.isEmpty() || !(name.charAt(0) == '_' || Character.isLetter(name.charAt(0)) && name.charAt(0) < 128)) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c == '_' || (c < 128 && Character.isLetterOrDigit(c)))) {
                return false;
            }
        }
        return !RESERVED.contains(name.toLowerCase(java.util.Locale.ROOT));
    }

    /** Words reserved by at least one of the supported databases that a table or column might be named. */
    private static final java.util.Set<String> RESERVED = java.util.Set.of(
            "all", "and", "any", "array", "as", "asc", "between", "both", "by", "case", "cast", "check", "column",
            "constraint", "create", "cross", "current_date", "current_time", "current_timestamp", "current_user",
            "default", "delete", "desc", "distinct", "do", "else", "end", "except", "exists", "false", "fetch", "for",
            "foreign", "from", "full", "grant", "group", "having", "if", "in", "index", "inner", "insert", "intersect",
            "interval", "into", "is", "join", "key", "leading", "left", "like", "limit", "minus", "natural", "not",
            "null", "of", "offset", "on", "or", "order", "outer", "primary", "qualify", "range", "references", "right",
            "row", "rows", "select", "session_user", "set", "some", "table", "then", "to", "trailing", "true", "union",
            "unique", "update", "user", "using", "value", "values", "when", "where", "window", "with");

    @Override
    public String toString() {
        return product;
    }
}
