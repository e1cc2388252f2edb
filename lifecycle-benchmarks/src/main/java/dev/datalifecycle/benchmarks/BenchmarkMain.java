package dev.datalifecycle.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.datalifecycle.examples.TextTable;
import dev.datalifecycle.testkit.Dbms;
import dev.datalifecycle.testkit.TestDatabase;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Runs the benchmarks on one database and writes {@code results.json}:
 *
 * <pre>
 * ./mvnw -q -pl lifecycle-benchmarks -am compile exec:exec@benchmarks -Dexec.args="--database postgresql --scale 10000"
 * </pre>
 *
 * Arguments: {@code --database h2|postgresql|mariadb} (default h2), {@code --scale N} (default
 * 1000), {@code --warmup N} (default 3), {@code --repetitions N} (default 7), {@code --only NAME},
 * {@code --out FILE} (default {@code target/benchmarks/results.json} of this module). The database
 * is a fresh schema or database, dropped afterwards, reached with the same settings as the tests
 * ({@code LIFECYCLE_POSTGRESQL_HOST} and friends).
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    /** See the class comment. */
    public static void main(String[] args) throws Exception {
        Dbms dbms = Dbms.H2;
        int scale = 1000;
        int warmup = 3;
        int repetitions = 7;
        String only = null;
        Path out = Path.of(System.getProperty("benchmarks.out", "target/benchmarks/results.json"));
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                usage(args[i] + " needs a value");
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--database" -> dbms = Dbms.parse(value);
                case "--scale" -> scale = number(args[i], value);
                case "--warmup" -> warmup = number(args[i], value);
                case "--repetitions" -> repetitions = number(args[i], value);
                case "--only" -> only = value;
                case "--out" -> out = Path.of(value);
                default -> usage("unknown argument " + args[i]);
            }
        }
        BenchmarkRunner.Options options = new BenchmarkRunner.Options(scale, warmup, repetitions, only);
        PrintStream console = System.out;
        console.printf("Benchmarks on %s at scale %,d: %d warm-up and %d measured rounds%n", dbms.displayName(), scale, warmup, repetitions);
        List<BenchmarkResult> results;
        try (TestDatabase database = TestDatabase.create(dbms, "bench")) {
            results = BenchmarkRunner.run(database, options, System.err, System.console() != null);
        }
        write(results, out);
        console.print(table(results));
        for (Benchmark benchmark : BenchmarkRunner.all()) {
            if (only == null || benchmark.name().contains(only)) {
                console.println(benchmark.name() + ": " + benchmark.describe(scale));
            }
        }
        console.println("ratio = median / baseline median (lower is better); statements = JDBC executions per operation, a batch counts once");
        console.println("Results: " + out.toAbsolutePath());
    }

    /** Writes the results as a JSON array, creating the directory. */
    static void write(List<BenchmarkResult> results, Path out) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), results);
    }

    /** The results as a readable table. */
    static String table(List<BenchmarkResult> results) {
        TextTable table = new TextTable("benchmark", "database", "scale", "median ms", "min ms", "max ms", "statements", "vs baseline");
        for (BenchmarkResult r : results) {
            table.row(r.name(), r.database(), r.scale(), r.median(), r.min(), r.max(), r.statements(),
                    r.baseline() == null ? "(baseline)" : String.format(Locale.ROOT, "%.2fx %s", r.ratio(), r.baseline()));
        }
        return table.toString();
    }

    private static int number(String flag, String value) {
        try {
            return Integer.parseInt(value.replace("_", ""));
        } catch (NumberFormatException e) {
            usage(flag + " needs a whole number, got '" + value + "'");
            return 0;
        }
    }

    private static void usage(String problem) {
        throw new IllegalArgumentException(problem + "\nusage: BenchmarkMain [--database h2|postgresql|mariadb] [--scale N]"
                + " [--warmup N] [--repetitions N] [--only NAME] [--out FILE]");
    }
}
