package dev.datalifecycle.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void numbersAlignRightTextLeftAndNullIsEmpty() {
        String table = new TextTable("id", "name").row(7, "Acme").row(12, null).toString();
        assertEquals("""
                +----+------+
                | id | name |
                +----+------+
                |  7 | Acme |
                | 12 |      |
                +----+------+
                """, table);
    }

    @Test
    void aRowOfTheWrongWidthIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TextTable("a", "b").row(1));
    }
}
