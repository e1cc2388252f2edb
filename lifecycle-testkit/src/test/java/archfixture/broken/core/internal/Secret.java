package archfixture.broken.core.internal;

/** An internal class of module core. */
public class Secret {
    public static int value() {
        return 42;
    }
}
