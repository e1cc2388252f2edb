package archfixture.clean.core.internal;

/** Internal to core, used only by core. */
public class Helper {
    public static String help(archfixture.clean.api.Thing thing) {
        return thing.name();
    }
}
