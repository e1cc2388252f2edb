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
    void aStampedUpdateWritesTheTimeAsBindingItWouldInAnySessionTimeZone(TestDatabase db) throws SQLException {
        // Microseconds of nines, so columns that keep fewer digits show how each way rounds; the last time
        // is past the years where MariaDB can set a statement's clock, so it is bound there too.
        String[] times = {"2026-11-24T10:00:00.999999Z", "1999-12-31T23:59:59.5Z", "2040-01-01T00:00:00.123456Z"};
        String[] types = db.dbms() == dev.datalifecycle.testkit.Dbms.MARIADB
                ? new String[] {"timestamp(6) null", "timestamp null", "datetime(6)", "datetime(3)"}
                : new String[] {"timestamp(6)", "timestamp(0)", "timestamp(3)", "timestamp with time zone"};
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            Dialect dialect = Dialects.detect(c);
            s.execute(db.dbms() == dev.datalifecycle.testkit.Dbms.MARIADB ? "SET time_zone = '+05:30'" : "SET TIME ZONE '+05:30'");
            StringBuilder columns = new StringBuilder();
            for (int i = 0; i < types.length; i++) {
                columns.append(", c").append(i).append(' ').append(types[i]);
            }
            s.execute("create table stamp_probe (id integer primary key" + columns + ")");
            for (int t = 0; t < times.length; t++) {
                java.sql.Timestamp at = java.sql.Timestamp.from(java.time.Instant.parse(times[t]));
                // MariaDB's TIMESTAMP ends in 2038: past it, only its DATETIME columns take the time.
                java.util.List<String> set = new java.util.ArrayList<>();
                for (int i = 0; i < types.length; i++) {
                    if (!(types[i].startsWith("timestamp") && db.dbms() == dev.datalifecycle.testkit.Dbms.MARIADB && at.getYear() > 130)) {
                        set.add("c" + i);
                    }
                }
                s.execute("insert into stamp_probe (id) values (" + (2 * t) + "), (" + (2 * t + 1) + ")");
                String bound = set.stream().map(column -> column + " = ?").collect(java.util.stream.Collectors.joining(", "));
                try (java.sql.PreparedStatement statement = c.prepareStatement("update stamp_probe set " + bound + " where id = " + 2 * t)) {
                    for (int i = 1; i <= set.size(); i++) {
                        statement.setTimestamp(i, at);
                    }
                    statement.executeUpdate();
                }
                int row = 2 * t + 1;
                SqlBuilder stamped = dialect.stampedUpdate(at, time -> {
                    SqlBuilder update = new SqlBuilder(dialect).sql("UPDATE stamp_probe SET ");
                    for (int i = 0; i < set.size(); i++) {
                        update.sql(i == 0 ? "" : ", ").sql(set.get(i) + " = ").append(time);
                    }
                    return update.sql(" WHERE id = " + row);
                });
                try (java.sql.PreparedStatement statement = stamped.prepare(c)) {
                    assertEquals(1, statement.executeUpdate());
                }
                assertEquals(db.rows("select c0, c1, c2, c3 from stamp_probe where id = " + 2 * t),
                        db.rows("select c0, c1, c2, c3 from stamp_probe where id = " + row), times[t]);
            }
        }
    }

    @Test
    void aStampedUpdateOverARecursiveQueryGoesDeeperThanMariaDbsDefaultLimit(TestDatabase db) throws SQLException {
        int depth = 1_500;
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            Dialect dialect = Dialects.detect(c);
            s.execute("create table stamp_chain (id integer primary key, parent_id integer, marked_at timestamp(6))");
            // Without it H2 scans the chain once per level: minutes for a test about MariaDB's limit.
            s.execute("create index stamp_chain_parent on stamp_chain (parent_id)");
            try (java.sql.PreparedStatement insert = c.prepareStatement("insert into stamp_chain (id, parent_id) values (?, ?)")) {
                for (int id = 1; id <= depth; id++) {
                    insert.setInt(1, id);
                    insert.setObject(2, id == 1 ? null : id - 1);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            java.sql.Timestamp at = java.sql.Timestamp.from(java.time.Instant.parse("2026-11-24T10:00:00Z"));
            // The clock and the recursion limit both go in front of the statement, in one SET STATEMENT on MariaDB.
            SqlBuilder stamped = dialect.stampedUpdate(at, time -> new SqlBuilder(dialect).sql("UPDATE stamp_chain SET marked_at = ")
                    .append(time).sql(" WHERE id IN (SELECT lc_q.id FROM (WITH RECURSIVE r (id) AS (SELECT id FROM stamp_chain WHERE id = 1"
                            + " UNION ALL SELECT c.id FROM stamp_chain c JOIN r ON c.parent_id = r.id) SELECT id FROM r) lc_q)"));
            try (java.sql.PreparedStatement statement = stamped.prepare(c)) {
                assertEquals(depth, statement.executeUpdate());
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
