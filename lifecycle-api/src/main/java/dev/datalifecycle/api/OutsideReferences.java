package dev.datalifecycle.api;

/**
 * What a purge does about records outside it that still reference the records it purges: live
 * records under an IGNORE rule, or records another deletion holds.
 */
public enum OutsideReferences {
    /** Refuse with {@link PurgeBlockedException} naming one, changing nothing (the default). */
    REFUSE,
    /**
     * Empty those references: set a nullable reference column to {@code NULL}, remove a link row. A
     * NOT NULL reference still refuses. A record of another deletion cleared this way comes back
     * without the link when that deletion is restored.
     */
    CLEAR
}
