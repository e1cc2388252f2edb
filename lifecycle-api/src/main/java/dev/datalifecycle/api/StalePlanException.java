package dev.datalifecycle.api;

/**
 * What a delete would take changed since its plan was shown ("are you sure?"): someone added,
 * changed or deleted a record in between. Nothing was changed; plan again and confirm what the new
 * plan shows.
 */
public final class StalePlanException extends LifecycleException {

    private static final long serialVersionUID = 1L;

    /**
     * @param rootType the entity type of the roots
     * @param planned  the plan's fingerprint
     * @param now      the fingerprint of what the delete would take now
     */
    public StalePlanException(String rootType, String planned, String now) {
        super("The delete of " + rootType + " no longer matches its plan (planned " + planned + ", now " + now
                + "): records changed since it was planned. Plan again and confirm the new plan");
    }
}
