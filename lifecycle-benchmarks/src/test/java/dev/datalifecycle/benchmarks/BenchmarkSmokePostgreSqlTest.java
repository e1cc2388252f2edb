package dev.datalifecycle.benchmarks;

import dev.datalifecycle.testkit.Dbms;
import dev.datalifecycle.testkit.OnDatabase;

@OnDatabase(Dbms.POSTGRESQL)
class BenchmarkSmokePostgreSqlTest extends BenchmarkSmokeContract {
}
