package dev.datalifecycle.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Each test database is a world of its own, and is gone after close. */
abstract class TestDatabaseIsolationContract {

    @Test
    void twoDatabasesDoNotShareTablesAndCloseDropsThem(TestDatabase mine) throws SQLException {
        mine.execute("create table shared_name (id integer primary key)", "insert into shared_name values (1)");
        String otherName;
        try (TestDatabase other = TestDatabase.create(mine.dbms(), "isolation")) {
            otherName = other.name();
            assertNotEquals(mine.name(), otherName);
            other.execute("create table shared_name (id integer primary key)");
            assertEquals(java.util.List.of(), other.rows("select id from shared_name"));
        }
        assertEquals(java.util.List.of("id=1"), mine.rows("select id from shared_name"));
        if (mine.dbms().isServer()) {
            try (Connection c = TestDatabase.connectToServer(mine.dbms())) {
                // PostgreSQL lists schemas, MariaDB lists databases, both in information_schema.schemata.
                String sql = "select count(*) from information_schema.schemata where schema_name = ?";
                try (var p = c.prepareStatement(sql)) {
                    p.setString(1, otherName);
                    try (var rs = p.executeQuery()) {
                        rs.next();
                        assertEquals(0, rs.getInt(1), otherName + " should have been dropped");
                    }
                }
            }
        } else {
            assertThrows(SQLException.class, () -> java.sql.DriverManager
                    .getConnection("jdbc:h2:mem:" + otherName + ";IFEXISTS=TRUE", "sa", "").close());
        }
    }
}
