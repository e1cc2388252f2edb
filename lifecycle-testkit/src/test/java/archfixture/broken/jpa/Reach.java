package archfixture.broken.jpa;

/** Breaks "internal stays in its module": jpa calls core's internals. */
public class Reach {
    public int value() {
        return archfixture.broken.core.internal.Secret.value();
    }
}
