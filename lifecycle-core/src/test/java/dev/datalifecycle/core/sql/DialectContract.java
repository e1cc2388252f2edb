package dev.datalifecycle.core.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.datalifecycle.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** Each database gets its own dialect, and what the dialect writes runs there. */
abstract class DialectContract {

    @Test
    void detectsTheDialectFromTheConnection(TestDatabase db) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            assertEquals(db.dbms().displayName(), Dialects.detect(c).product());
        }
    }

    @Test
    void quotedIdentifiersKeepTheirCaseAndMayContainTheQuoteCharacter(TestDatabase db) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            Dialect dialect = Dialects.detect(c);
            String table = dialect.quote("Odd\"Name`Table");
            String column = dialect.quote("MixedCase");
            s.execute("create table " + table + " (" + column + " integer)");
            s.execute("insert into " + table + " values (7)");
            try (ResultSet rs = s.executeQuery("select " + column + " from " + table)) {
                rs.next();
                assertEquals(7, rs.getInt(1));
                assertEquals("MixedCase", rs.getMetaData().getColumnLabel(1));
            }
        }
    }

    @Test
    void theFingerprintsHashOfANumberIsTheSameInSqlAndInJava(TestDatabase db) throws SQLException {
        long[] ids = {0, 1, 7, -7, 40503, 4294967290L, 4294967291L, 4294967296L, -4294967297L, 123456789012345L, Long.MAX_VALUE,
            Long.MIN_VALUE + 1};
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            Dialect dialect = Dialects.detect(c);
            s.execute("create table hash_probe (id bigint primary key)");
            for (long id : ids) {
                s.execute("insert into hash_probe values (" + id + ")");
            }
            String hash = dev.datalifecycle.core.plan.DeletePlanner.hashOf(dev.datalifecycle.core.model.IdType.LONG, dialect, "id");
            try (ResultSet rs = s.executeQuery("select id, " + hash + " from hash_probe")) {
                int rows = 0;
                while (rs.next()) {
                    assertEquals(rs.getBigDecimal(2).longValueExact(), dev.datalifecycle.core.plan.DeletePlanner.hashOfNumber(rs.getLong(1)),
                            "hash of " + rs.getLong(1));
                    rows++;
                }
                assertEquals(ids.length, rows);
            }
        }
    }

    @Test
    void sharedLockClauseIsAcceptedInATransaction(TestDatabase db) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            Dialect dialect = Dialects.detect(c);
            s.execute("create table lock_probe (id integer primary key)");
            s.execute("insert into lock_probe values (1)");
            c.setAutoCommit(false);
            try (ResultSet rs = s.executeQuery("select id from lock_probe where id = 1 " + dialect.sharedLockClause())) {
                rs.next();
                assertEquals(1, rs.getInt(1));
            }
            c.commit();
        }
    }
}
