package dev.datalifecycle.core.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.datalifecycle.api.UnsupportedDatabaseException;
import org.junit.jupiter.api.Test;

class DialectsTest {

    @Test
    void mariaDbBehindMySqlsDriverIsMariaDb() {
        assertSame(Dialects.forProduct("MariaDB", "10.11.19"), Dialects.forProduct("MySQL", "5.5.5-10.11.19-MariaDB-0+deb12u1"));
    }

    @Test
    void anUnknownDatabaseIsRefusedByName() {
        UnsupportedDatabaseException e = assertThrows(UnsupportedDatabaseException.class,
                () -> Dialects.forProduct("Oracle", "23ai"));
        assertEquals("Oracle 23ai", e.product());
        assertEquals("Data Lifecycle is not supported for Oracle 23ai: supported are H2 2.x, PostgreSQL and MariaDB", e.getMessage());
    }

    @Test
    void mySqlItselfIsRefusedWithTheReason() {
        UnsupportedDatabaseException e = assertThrows(UnsupportedDatabaseException.class,
                () -> Dialects.forProduct("MySQL", "8.4.0"));
        assertEquals("MySQL 8.4.0", e.product());
    }

    @Test
    void anEmptyIdentifierIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Dialects.forProduct("H2", "2.5").quote(""));
    }
}
