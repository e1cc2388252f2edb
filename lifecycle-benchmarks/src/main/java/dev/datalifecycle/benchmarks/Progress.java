package dev.datalifecycle.benchmarks;

import java.io.PrintStream;

/**
 * One progress line while benchmarks run: rewritten in place on a terminal, one line per step
 * otherwise (CI logs), so a reader sees where the run is without a wall of log lines.
 */
final class Progress {

    private final PrintStream out;
    private final boolean terminal;
    private final int total;
    private int done;
    private int lastLength;

    Progress(PrintStream out, boolean terminal, int total) {
        this.out = out;
        this.terminal = terminal;
        this.total = total;
    }

    void step(String what) {
        done++;
        int width = 20;
        int filled = total == 0 ? width : done * width / total;
        String line = String.format("[%s%s] %3d/%d %s", "#".repeat(filled), ".".repeat(width - filled), done, total, what);
        if (terminal) {
            out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
        } else {
            out.println(line);
        }
        out.flush();
    }

    void finish() {
        if (terminal) {
            out.print("\r" + " ".repeat(lastLength) + "\r");
            out.flush();
        }
    }
}
