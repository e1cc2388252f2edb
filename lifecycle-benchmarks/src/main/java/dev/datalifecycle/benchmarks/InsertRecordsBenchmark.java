package dev.datalifecycle.benchmarks;

import dev.datalifecycle.examples.crm.Activity;
import dev.datalifecycle.examples.crm.Contact;
import dev.datalifecycle.examples.crm.CrmModel;
import dev.datalifecycle.examples.crm.Customer;
import dev.datalifecycle.examples.crm.User;
import dev.datalifecycle.testkit.Dbms;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * The harness's first honest pair: inserting CRM records through plain JPA against JDBC batches,
 * both in one transaction, both batching {@value BenchmarkContext#BATCH_SIZE} rows, both drawing ids
 * from the same sequences in blocks of 50. Scale = customers; each gets two contacts and two
 * activities, so one operation writes 5 x scale rows.
 */
final class InsertRecordsBenchmark implements Benchmark {

    private static final int ID_BLOCK = 50;
    private static final Instant CREATED = Instant.parse("2026-11-24T09:00:00Z");

    private long ownerId;

    @Override
    public String name() {
        return "insert-crm-records";
    }

    @Override
    public String describe(int scale) {
        return scale + " customers with 2 contacts and 2 activities each (" + 5L * scale + " rows) in one transaction";
    }

    @Override
    public void setUp(BenchmarkContext context) {
        User owner = new User("bench", "owner", "Benchmark Owner");
        context.entityManagerFactory().runInTransaction(em -> em.persist(owner));
        ownerId = owner.getId();
    }

    @Override
    public List<Contender> contenders() {
        return List.of(
                new Contender("plain-jpa", List.of("hand-jdbc"), InsertRecordsBenchmark::emptyTables, this::insertWithJpa),
                new Contender("hand-jdbc", List.of(), InsertRecordsBenchmark::emptyTables, this::insertWithJdbc));
    }

    private static void emptyTables(BenchmarkContext context) throws SQLException {
        List<String> tables = CrmModel.TABLES_CHILDREN_FIRST.stream().filter(t -> !t.equals("crm_user")).toList();
        try (Connection c = context.dataSource().getConnection(); Statement s = c.createStatement()) {
            if (context.database().dbms() == Dbms.POSTGRESQL) {
                // Hibernate creates no index on foreign keys, so on PostgreSQL a DELETE of the parents
                // scans the (dead-tuple-laden) children once per row; TRUNCATE of all of them at once
                // does not. H2 and MariaDB index foreign keys themselves and refuse TRUNCATE here.
                s.executeUpdate("truncate table " + String.join(", ", tables));
            } else {
                for (String table : tables) {
                    s.executeUpdate("delete from " + table);
                }
            }
        }
    }

    private void insertWithJpa(BenchmarkContext context) {
        int scale = context.scale();
        context.entityManagerFactory().runInTransaction(em -> {
            User owner = em.getReference(User.class, ownerId);
            for (int i = 0; i < scale; i++) {
                Customer customer = new Customer("bench", "Customer " + i, "Retail", owner, CREATED);
                em.persist(customer);
                Contact first = new Contact(customer, "First Contact " + i, "first" + i + "@example.com");
                em.persist(first);
                em.persist(new Contact(customer, "Second Contact " + i, "second" + i + "@example.com"));
                em.persist(new Activity(customer, first, owner, Activity.Kind.CALL, "Intro call " + i, CREATED, true));
                em.persist(new Activity(customer, null, owner, Activity.Kind.TASK, "Follow up " + i, CREATED, false));
                if ((i + 1) % (BenchmarkContext.BATCH_SIZE / 5) == 0) {
                    flushAndClear(em);
                    owner = em.getReference(User.class, ownerId);
                }
            }
        });
    }

    private static void flushAndClear(EntityManager em) {
        em.flush();
        em.clear();
    }

    private void insertWithJdbc(BenchmarkContext context) throws SQLException {
        int scale = context.scale();
        Dbms dbms = context.database().dbms();
        Timestamp created = Timestamp.from(CREATED);
        try (Connection c = context.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (Ids customerIds = new Ids(c, dbms, "customer_seq");
                    Ids contactIds = new Ids(c, dbms, "contact_seq");
                    Ids activityIds = new Ids(c, dbms, "activity_seq");
                    PreparedStatement customers = c.prepareStatement(
                            "insert into customer (id, tenant_id, name, industry, owner_id, created_at) values (?, ?, ?, ?, ?, ?)");
                    PreparedStatement contacts = c.prepareStatement(
                            "insert into contact (id, customer_id, full_name, email) values (?, ?, ?, ?)");
                    PreparedStatement activities = c.prepareStatement(
                            "insert into activity (id, customer_id, contact_id, owner_id, kind, subject, due_at, done) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < scale; i++) {
                    long customerId = customerIds.next();
                    customers.setLong(1, customerId);
                    customers.setString(2, "bench");
                    customers.setString(3, "Customer " + i);
                    customers.setString(4, "Retail");
                    customers.setLong(5, ownerId);
                    customers.setTimestamp(6, created);
                    customers.addBatch();
                    long firstContact = contactIds.next();
                    contact(contacts, firstContact, customerId, "First Contact " + i, "first" + i + "@example.com");
                    contact(contacts, contactIds.next(), customerId, "Second Contact " + i, "second" + i + "@example.com");
                    activity(activities, activityIds.next(), customerId, firstContact, "CALL", "Intro call " + i, created, true);
                    activity(activities, activityIds.next(), customerId, null, "TASK", "Follow up " + i, created, false);
                    // Parents before children in each round, as the foreign keys require.
                    if ((i + 1) % (BenchmarkContext.BATCH_SIZE / 5) == 0 || i == scale - 1) {
                        customers.executeBatch();
                        contacts.executeBatch();
                        activities.executeBatch();
                    }
                }
            }
            c.commit();
        }
    }

    private void contact(PreparedStatement p, long id, long customerId, String name, String email) throws SQLException {
        p.setLong(1, id);
        p.setLong(2, customerId);
        p.setString(3, name);
        p.setString(4, email);
        p.addBatch();
    }

    private void activity(PreparedStatement p, long id, long customerId, Long contactId, String kind, String subject,
            Timestamp due, boolean done) throws SQLException {
        p.setLong(1, id);
        p.setLong(2, customerId);
        if (contactId == null) {
            p.setNull(3, java.sql.Types.BIGINT);
        } else {
            p.setLong(3, contactId);
        }
        p.setLong(4, ownerId);
        p.setString(5, kind);
        p.setString(6, subject);
        p.setTimestamp(7, due);
        p.setBoolean(8, done);
        p.addBatch();
    }

    /** Ids from a sequence in blocks of 50, one database call per block, like Hibernate's pooled optimizer. */
    private static final class Ids implements AutoCloseable {
        private final PreparedStatement nextValue;
        private long next;
        private long end;

        Ids(Connection c, Dbms dbms, String sequence) throws SQLException {
            // PostgreSQL has no NEXT VALUE FOR; H2 and MariaDB accept the standard form.
            String sql = dbms == Dbms.POSTGRESQL ? "select nextval('" + sequence + "')" : "select next value for " + sequence;
            this.nextValue = c.prepareStatement(sql);
        }

        long next() throws SQLException {
            if (next == end) {
                try (ResultSet rs = nextValue.executeQuery()) {
                    rs.next();
                    next = rs.getLong(1);
                    end = next + ID_BLOCK;
                }
            }
            return next++;
        }

        @Override
        public void close() throws SQLException {
            nextValue.close();
        }
    }
}
