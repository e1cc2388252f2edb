package dev.datalifecycle.core.model;

import dev.datalifecycle.api.ExpiryAction;
import java.time.Period;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How long the records of an entity type are kept: deletions in the recycle bin, and live records
 * that have their own retention (old activities, logs) even if nobody deletes them.
 *
 * @param binRetention how long a deletion of this type stays restorable before it is purged
 * @param keepLive     how long live records are kept, or empty when they are kept until deleted
 * @param personalData the columns that hold personal data (anonymized on expiry or closure, erased
 *                     from labels on purge)
 */
public record Policy(Period binRetention, Optional<KeepLive> keepLive, List<String> personalData) {

    /** Deletions stay in the bin for 30 days unless configured otherwise (Dataverse's default). */
    public static final Period DEFAULT_BIN_RETENTION = Period.ofDays(30);

    public Policy {
        Objects.requireNonNull(binRetention, "binRetention");
        Objects.requireNonNull(keepLive, "keepLive");
        personalData = List.copyOf(personalData);
    }

    /**
     * Retention of live records.
     *
     * @param period    how long after the age column's time a record expires
     * @param ageColumn the timestamp column the period counts from (e.g. {@code created_at})
     * @param action    what happens at expiry
     */
    public record KeepLive(Period period, String ageColumn, ExpiryAction action) {
        public KeepLive {
            Objects.requireNonNull(period, "period");
            Objects.requireNonNull(ageColumn, "ageColumn");
            Objects.requireNonNull(action, "action");
        }
    }
}
