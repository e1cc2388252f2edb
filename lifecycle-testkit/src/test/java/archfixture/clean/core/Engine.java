package archfixture.clean.core;

/** Core: uses the api and its own internals. */
public class Engine {
    public String run(archfixture.clean.api.Thing thing) {
        return archfixture.clean.core.internal.Helper.help(thing);
    }
}
