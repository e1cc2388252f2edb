package archfixture.clean.api;

/** JDK types only. */
public record Thing(String name, java.time.Instant at) {
}
