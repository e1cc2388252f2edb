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
    public String toString() {
        return product;
    }
}
