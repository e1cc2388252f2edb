package dev.datalifecycle.benchmarks;

/**
 * One row of {@code results.json}: a contender's timing, and its ratio against one baseline measured
 * in the same run. A baseline's own row has no baseline and no ratio.
 *
 * @param name       {@code <benchmark>:<contender>}, e.g. {@code insert-crm-records:plain-jpa}
 * @param database   {@code H2}, {@code PostgreSQL} or {@code MariaDB}
 * @param scale      the scale the operation ran at
 * @param unit       the unit of median, min and max ({@code ms} per operation)
 * @param median     the median over the measured repetitions
 * @param min        the fastest repetition
 * @param max        the slowest repetition
 * @param baseline   the contender this row is compared with, or {@code null}
 * @param ratio      median divided by the baseline's median (lower is better), or {@code null}
 * @param statements the SQL statements of one operation (executions; a batch counts once)
 */
public record BenchmarkResult(String name, String database, int scale, String unit, double median, double min,
        double max, String baseline, Double ratio, long statements) {
}
