package dev.datalifecycle.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A plain entity with the id and column types the library must handle. */
@Entity
@Table(name = "round_trip_note")
public class RoundTripNote {

    /** How urgent a note is; stored by name. */
    public enum Priority { LOW, HIGH }

    @Id
    private UUID id;

    @Column(name = "body_text", nullable = false, length = 200)
    private String body;

    @Enumerated(EnumType.STRING)
    @Column(length = 10)
    private Priority priority;

    @Column(name = "written_at")
    private Instant writtenAt;

    protected RoundTripNote() {
    }

    RoundTripNote(UUID id, String body, Priority priority, Instant writtenAt) {
        this.id = id;
        this.body = body;
        this.priority = priority;
        this.writtenAt = writtenAt;
    }

    UUID id() {
        return id;
    }

    String body() {
        return body;
    }

    Priority priority() {
        return priority;
    }

    Instant writtenAt() {
        return writtenAt;
    }
}
