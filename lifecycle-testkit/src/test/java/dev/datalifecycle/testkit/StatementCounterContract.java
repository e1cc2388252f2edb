package dev.datalifecycle.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The statement counter sees every execution that goes through the wrapped data source. */
abstract class StatementCounterContract {

    @BeforeAll
    static void createTable(TestDatabase db) {
        db.execute("create table item (id integer primary key, name varchar(40))");
    }

    @Test
    void countsPlainAndPreparedExecutionsAndRecordsTheirSql(TestDatabase db) throws SQLException {
        db.execute("delete from item");
        db.statements().reset();
        try (Connection c = db.dataSource().getConnection()) {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("insert into item values (1, 'one')");
            }
            try (PreparedStatement p = c.prepareStatement("select name from item where id = ?")) {
                p.setInt(1, 1);
                p.executeQuery().close();
            }
        }
        assertEquals(2, db.statements().count());
        assertEquals(1, db.statements().count("insert"));
        assertEquals(List.of("insert into item values (1, 'one')", "select name from item where id = ?"), db.statements().statements());
    }

    @Test
    void aBatchCountsOnceWhateverItsRows(TestDatabase db) throws SQLException {
        db.execute("delete from item");
        db.statements().reset();
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement p = c.prepareStatement("insert into item values (?, ?)")) {
            for (int i = 10; i < 60; i++) {
                p.setInt(1, i);
                p.setString(2, "n" + i);
                p.addBatch();
            }
            p.executeBatch();
        }
        assertEquals(1, db.statements().count());
        assertEquals(50, db.statements().batchedRows());
        assertEquals(List.of("n=50"), db.rows("select count(*) as n from item"));
    }
}
