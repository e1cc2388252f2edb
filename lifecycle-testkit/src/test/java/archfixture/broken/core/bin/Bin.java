package archfixture.broken.core.bin;

/** The other half of the cycle: bin -> plan. */
public class Bin {
    archfixture.broken.core.plan.Planner planner;
}
