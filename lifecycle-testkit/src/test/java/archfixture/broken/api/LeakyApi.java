package archfixture.broken.api;

/** Breaks "api depends only on the JDK": an API type that exposes SLF4J. */
public interface LeakyApi {
    org.slf4j.Logger logger();
}
