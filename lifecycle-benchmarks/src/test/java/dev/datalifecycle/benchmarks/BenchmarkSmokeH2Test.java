package dev.datalifecycle.benchmarks;

import dev.datalifecycle.testkit.Dbms;
import dev.datalifecycle.testkit.OnDatabase;

@OnDatabase(Dbms.H2)
class BenchmarkSmokeH2Test extends BenchmarkSmokeContract {
}
