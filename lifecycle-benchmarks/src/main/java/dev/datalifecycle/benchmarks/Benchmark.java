package dev.datalifecycle.benchmarks;

import java.util.List;

/**
 * One measured operation with its contenders: the library's way (once it exists) and the baselines
 * a host would otherwise write, all measured in the same run on the same data.
 */
public interface Benchmark {

    /** A stable name for results, e.g. {@code insert-crm-records}. */
    String name();

    /** What one operation does at this scale, for the table's footnote. */
    String describe(int scale);

    /** Creates what every contender needs (tables, reference rows); runs once, untimed. */
    void setUp(BenchmarkContext context) throws Exception;

    /** Releases what {@link #setUp} made beyond the database (which is dropped anyway). */
    default void tearDown() {
    }

    /** The contenders, each naming the baselines its ratio is computed against. */
    List<Contender> contenders();

    /** Something a contender does: a preparation (untimed) or the measured operation. */
    @FunctionalInterface
    interface Step {
        /** Runs the step. */
        void run(BenchmarkContext context) throws Exception;
    }

    /**
     * One way of doing the operation.
     *
     * @param name        e.g. {@code plain-jpa}, {@code hand-jdbc}, {@code data-lifecycle}
     * @param comparedWith the names of the contenders this one's ratio is computed against (empty for
     *                    a baseline)
     * @param prepare     puts the data into the state the operation starts from; untimed
     * @param operation   the measured operation; its statements are counted
     */
    record Contender(String name, List<String> comparedWith, Step prepare, Step operation) {
        public Contender {
            comparedWith = List.copyOf(comparedWith);
        }
    }
}
