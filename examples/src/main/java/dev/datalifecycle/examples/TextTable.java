package dev.datalifecycle.examples;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A plain-text table for terminals and logs: a header, rows, numbers right-aligned.
 *
 * <pre>{@code
 * TextTable t = new TextTable("id", "name");
 * t.row(1, "Northwind");
 * out.print(t);
 * }</pre>
 */
public final class TextTable {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();
    private final List<Boolean> numeric;

    /** A table with these column titles. */
    public TextTable(String... header) {
        this.header = List.of(header);
        this.numeric = new ArrayList<>(Collections.nCopies(header.length, Boolean.TRUE));
    }

    /**
     * Adds a row; {@code null} prints as an empty cell. A column is right-aligned when every value
     * in it is a number.
     *
     * @throws IllegalArgumentException when the row has another number of cells than the header
     */
    public TextTable row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("Row has " + cells.length + " cells, header has " + header.size());
        }
        List<String> row = new ArrayList<>(cells.length);
        for (int i = 0; i < cells.length; i++) {
            Object cell = cells[i];
            if (cell != null && !(cell instanceof Number)) {
                numeric.set(i, Boolean.FALSE);
            }
            row.add(cell == null ? "" : cell.toString());
        }
        rows.add(row);
        return this;
    }

    /** How many rows were added. */
    public int size() {
        return rows.size();
    }

    @Override
    public String toString() {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, widths);
        cells(out, header, widths, false);
        line(out, widths);
        for (List<String> row : rows) {
            cells(out, row, widths, true);
        }
        line(out, widths);
        return out.toString();
    }

    private static void line(StringBuilder out, int[] widths) {
        for (int width : widths) {
            out.append('+').append("-".repeat(width + 2));
        }
        out.append("+\n");
    }

    private void cells(StringBuilder out, List<String> cells, int[] widths, boolean align) {
        for (int i = 0; i < widths.length; i++) {
            String cell = cells.get(i);
            String pad = " ".repeat(widths[i] - cell.length());
            boolean right = align && numeric.get(i);
            out.append("| ").append(right ? pad + cell : cell + pad).append(' ');
        }
        out.append("|\n");
    }
}
