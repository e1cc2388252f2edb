package dev.datalifecycle.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.datalifecycle.testkit.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves the database matrix end to end: Hibernate boots on each database through the counted
 * {@code DataSource}, creates its table, writes an entity and reads it back in a new persistence
 * context.
 */
abstract class JpaRoundTripContract {

    private static EntityManagerFactory emf;

    @BeforeAll
    static void boot(TestDatabase db) {
        emf = TestFactories.boot(db, "round-trip", List.of(RoundTripNote.class), java.util.Map.of());
    }

    @AfterAll
    static void close() {
        TestFactories.close(emf);
    }

    @Test
    void persistedEntityReadsBackThroughHibernate(TestDatabase db) {
        UUID id = UUID.fromString("7f1d0c2e-0000-4000-8000-000000000001");
        Instant written = Instant.parse("2026-11-24T10:15:30Z");
        db.statements().reset();

        emf.runInTransaction(em -> em.persist(new RoundTripNote(id, "call back Friday", RoundTripNote.Priority.HIGH, written)));
        assertEquals(1, db.statements().count("insert"), () -> "statements: " + db.statements().statements());

        RoundTripNote read = emf.callInTransaction((EntityManager em) -> em.find(RoundTripNote.class, id));
        assertEquals("call back Friday", read.body());
        assertEquals(RoundTripNote.Priority.HIGH, read.priority());
        assertEquals(written, read.writtenAt().truncatedTo(ChronoUnit.SECONDS));
        assertEquals(List.of("body_text=call back Friday, priority=HIGH"),
                db.rows("select body_text, priority from round_trip_note"));
    }

    @Test
    void theEnginesDialectFollowsHibernates(TestDatabase db) {
        assertEquals(db.dbms().displayName(), HibernateDialects.of(emf).product());
    }
}
