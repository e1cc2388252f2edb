package archfixture.broken.core.plan;

/** Half of a package cycle: plan -> bin. */
public class Planner {
    archfixture.broken.core.bin.Bin bin;
}
