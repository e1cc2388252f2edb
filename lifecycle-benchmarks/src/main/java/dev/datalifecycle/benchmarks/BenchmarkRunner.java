package dev.datalifecycle.benchmarks;

import dev.datalifecycle.testkit.TestDatabase;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures benchmarks on one database: warm-up rounds, then measured repetitions in which the
 * contenders take turns in a rotating order (so neither always runs on a warmer cache), each
 * preceded by its untimed preparation. Every operation's statements are counted at the JDBC level.
 */
public final class BenchmarkRunner {

    /**
     * How to run.
     *
     * @param scale       passed to each benchmark (each says what it counts)
     * @param warmup      rounds run and thrown away
     * @param repetitions rounds measured
     * @param only        run only benchmarks whose name contains this, or {@code null} for all
     */
    public record Options(int scale, int warmup, int repetitions, String only) {
        public Options {
            if (scale < 1 || warmup < 0 || repetitions < 1) {
                throw new IllegalArgumentException("scale and repetitions must be at least 1, warmup at least 0; got scale="
                        + scale + ", warmup=" + warmup + ", repetitions=" + repetitions);
            }
        }
    }

    /** Every benchmark the harness knows, in the order they run. */
    static List<Benchmark> all() {
        return List.of(new InsertRecordsBenchmark(), new PlanBenchmark(), new SoftDeleteBenchmark(), new RestoreBenchmark(),
                new PurgeBenchmark(), new ReadPathBenchmark(ReadPathBenchmark.Query.LIST), new ReadPathBenchmark(ReadPathBenchmark.Query.FIND),
                new ReadPathBenchmark(ReadPathBenchmark.Query.COLLECTION), new InsertGuardBenchmark(false), new InsertGuardBenchmark(true),
                new BatchDeleteBenchmark());
    }

    private BenchmarkRunner() {
    }

    /**
     * Runs the selected benchmarks on {@code database} and returns one row per contender and
     * baseline pair (and one per baseline).
     */
    public static List<BenchmarkResult> run(TestDatabase database, Options options, PrintStream progressOut, boolean terminal)
            throws Exception {
        List<Benchmark> selected = all().stream()
                .filter(b -> options.only() == null || b.name().contains(options.only()))
                .toList();
        if (selected.isEmpty()) {
            throw new IllegalArgumentException("No benchmark matches '" + options.only() + "'; known: "
                    + all().stream().map(Benchmark::name).toList());
        }
        int rounds = options.warmup() + options.repetitions();
        int steps = selected.stream().mapToInt(b -> b.contenders().size() * rounds).sum();
        Progress progress = new Progress(progressOut, terminal, steps);
        List<BenchmarkResult> results = new ArrayList<>();
        try (BenchmarkContext context = new BenchmarkContext(database, options.scale())) {
            for (Benchmark benchmark : selected) {
                try {
                    results.addAll(measure(benchmark, context, options, progress));
                } finally {
                    benchmark.tearDown();
                }
            }
        } finally {
            progress.finish();
        }
        return results;
    }

    private static List<BenchmarkResult> measure(Benchmark benchmark, BenchmarkContext context, Options options,
            Progress progress) throws Exception {
        benchmark.setUp(context);
        List<Benchmark.Contender> contenders = benchmark.contenders();
        Map<String, double[]> millis = new LinkedHashMap<>();
        Map<String, long[]> statements = new LinkedHashMap<>();
        contenders.forEach(c -> {
            millis.put(c.name(), new double[options.repetitions()]);
            statements.put(c.name(), new long[options.repetitions()]);
        });
        int rounds = options.warmup() + options.repetitions();
        for (int round = 0; round < rounds; round++) {
            boolean warm = round >= options.warmup();
            for (int k = 0; k < contenders.size(); k++) {
                Benchmark.Contender contender = contenders.get((round + k) % contenders.size());
                progress.step(benchmark.name() + " " + contender.name() + (warm
                        ? " rep " + (round - options.warmup() + 1) + "/" + options.repetitions()
                        : " warm-up " + (round + 1) + "/" + options.warmup()));
                contender.prepare().run(context);
                // The previous contender's garbage should not be collected on this one's clock.
                System.gc();
                context.database().statements().reset();
                long start = System.nanoTime();
                contender.operation().run(context);
                long elapsed = System.nanoTime() - start;
                if (warm) {
                    int rep = round - options.warmup();
                    millis.get(contender.name())[rep] = elapsed / 1_000_000.0;
                    statements.get(contender.name())[rep] = context.database().statements().count();
                }
            }
        }
        String database = context.database().dbms().displayName();
        List<BenchmarkResult> results = new ArrayList<>();
        for (Benchmark.Contender contender : contenders) {
            double[] times = millis.get(contender.name()).clone();
            Arrays.sort(times);
            long[] counts = statements.get(contender.name()).clone();
            Arrays.sort(counts);
            String name = benchmark.name() + ":" + contender.name();
            double median = median(times);
            long statementCount = counts[counts.length / 2];
            if (contender.comparedWith().isEmpty()) {
                results.add(new BenchmarkResult(name, database, options.scale(), "ms", round(median), round(times[0]),
                        round(times[times.length - 1]), null, null, statementCount));
            }
            for (String baseline : contender.comparedWith()) {
                double[] baseTimes = millis.get(baseline);
                if (baseTimes == null) {
                    throw new IllegalStateException(name + " is compared with unknown contender '" + baseline + "'");
                }
                double[] sortedBase = baseTimes.clone();
                Arrays.sort(sortedBase);
                results.add(new BenchmarkResult(name, database, options.scale(), "ms", round(median), round(times[0]),
                        round(times[times.length - 1]), baseline, round(median / median(sortedBase)), statementCount));
            }
        }
        return results;
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
