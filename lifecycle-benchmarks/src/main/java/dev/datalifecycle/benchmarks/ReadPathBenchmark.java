package dev.datalifecycle.benchmarks;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * What hiding deleted records costs a host's reads: the same named query against contacts mapped
 * with the library's restriction, with no restriction at all (a table holding only the live rows),
 * and with Hibernate's {@code @SoftDelete}. 100 customers with {@code scale / 100} contacts each; in
 * the two soft-deleting tables every tenth contact is deleted.
 */
final class ReadPathBenchmark implements Benchmark {

    /** The three queries a host runs most. */
    enum Query {
        /** Contacts of 20 customers, by the indexed reference: one JPQL list each. */
        LIST("read-list", "list the contacts of 20 customers by their indexed customer_id, one JPQL query each"),
        /** 2,000 contacts by id, one {@code find} each. */
        FIND("read-find", "find 2,000 contacts by id, one em.find each"),
        /** The contacts collection of 50 customers. */
        COLLECTION("read-collection", "load the contacts collection of 50 customers");

        final String benchmark;
        final String description;

        Query(String benchmark, String description) {
            this.benchmark = benchmark;
            this.description = description;
        }
    }

    static final int CUSTOMERS = 100;
    private final Query query;
    private EntityManagerFactory jpa;

    ReadPathBenchmark(Query query) {
        this.query = query;
    }

    @Override
    public String name() {
        return query.benchmark;
    }

    @Override
    public String describe(int scale) {
        return query.description + " (" + perCustomer(scale) + " contacts per customer, one in ten deleted), one transaction";
    }

    private static int perCustomer(int scale) {
        return Math.max(1, scale / CUSTOMERS);
    }

    @Override
    public void setUp(BenchmarkContext context) throws Exception {
        jpa = ReadPathFixture.ensure(context);
    }

    @Override
    public List<Contender> contenders() {
        Step none = c -> { };
        return List.of(
                new Contender("data-lifecycle", List.of("no-restriction", "hibernate-soft-delete"), none,
                        c -> run(c, "LcCustomer", "LcContact")),
                new Contender("no-restriction", List.of(), none, c -> run(c, "PlainCustomer", "PlainContact")),
                new Contender("hibernate-soft-delete", List.of(), none, c -> run(c, "SdCustomer", "SdContact")));
    }

    private void run(BenchmarkContext context, String customer, String contact) {
        int per = perCustomer(context.scale());
        BiConsumer<EntityManager, Integer> each = switch (query) {
            case LIST -> (em, i) -> em.createQuery("select k from " + contact + " k where k.customer.id = :c", Object.class)
                    .setParameter("c", (long) (i * 5 + 1)).getResultList().size();
            case FIND -> (em, i) -> em.find(entity(contact), (long) ((i * 7919L) % (CUSTOMERS * per)) / 10 * 10 + 1);
            case COLLECTION -> (em, i) -> {
                Object owner = em.find(entity(customer), (long) (i * 2 + 1));
                org.hibernate.Hibernate.initialize(contactsOf(owner));
            };
        };
        int times = switch (query) {
            case LIST -> 20;
            case FIND -> 2000;
            case COLLECTION -> 50;
        };
        jpa.runInTransaction(em -> {
            for (int i = 0; i < times; i++) {
                each.accept(em, i);
            }
        });
    }

    private Class<?> entity(String name) {
        return jpa.getMetamodel().getEntities().stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow().getJavaType();
    }

    private static Object contactsOf(Object customer) {
        if (customer instanceof ReadPathEntities.LcCustomer c) {
            return c.contacts;
        }
        if (customer instanceof ReadPathEntities.PlainCustomer c) {
            return c.contacts;
        }
        return ((ReadPathEntities.SdCustomer) customer).contacts;
    }

    /** The tables, filled once per run by plain JDBC. */
    static final class ReadPathFixture {

        private ReadPathFixture() {
        }

        static EntityManagerFactory ensure(BenchmarkContext context) throws SQLException {
            EntityManagerFactory jpa = context.shared("read-paths", () -> ReadPathEntities.boot(context));
            try (Connection c = context.dataSource().getConnection(); var s = c.createStatement();
                    var rs = s.executeQuery("select count(*) from rp_plain_customer")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    return jpa;
                }
            }
            int per = perCustomer(context.scale());
            try (Connection c = context.dataSource().getConnection()) {
                c.setAutoCommit(false);
                for (String kind : List.of("plain", "lc", "sd")) {
                    try (PreparedStatement p = c.prepareStatement("insert into rp_" + kind + "_customer (id, name) values (?, ?)")) {
                        for (long id = 1; id <= CUSTOMERS; id++) {
                            p.setLong(1, id);
                            p.setString(2, "customer " + id);
                            p.addBatch();
                        }
                        p.executeBatch();
                    }
                    String markers = switch (kind) {
                        case "lc" -> ", deletion_id, deleted_at) values (?, ?, ?, ?, ?)";
                        case "sd" -> ", deleted_at) values (?, ?, ?, ?)";
                        default -> ") values (?, ?, ?)";
                    };
                    try (PreparedStatement p = c.prepareStatement("insert into rp_" + kind + "_contact (id, name, customer_id" + markers)) {
                        long id = 0;
                        for (long customer = 1; customer <= CUSTOMERS; customer++) {
                            for (int k = 0; k < per; k++) {
                                id++;
                                boolean deleted = id % 10 == 0;
                                if (deleted && kind.equals("plain")) {
                                    continue;
                                }
                                p.setLong(1, id);
                                p.setString(2, "contact " + id);
                                p.setLong(3, customer);
                                java.sql.Timestamp at = deleted ? new java.sql.Timestamp(System.currentTimeMillis()) : null;
                                if (kind.equals("lc")) {
                                    p.setString(4, deleted ? "00000000-0000-4000-8000-00000000000b" : null);
                                    p.setTimestamp(5, at);
                                } else if (kind.equals("sd")) {
                                    p.setTimestamp(4, at);
                                }
                                p.addBatch();
                                if (id % BenchmarkContext.BATCH_SIZE == 0) {
                                    p.executeBatch();
                                }
                            }
                        }
                        p.executeBatch();
                    }
                }
                c.commit();
                if (context.database().dbms() == dev.datalifecycle.testkit.Dbms.POSTGRESQL) {
                    c.setAutoCommit(true);
                    try (var s = c.createStatement()) {
                        s.execute("analyze");
                    }
                }
            }
            return jpa;
        }
    }
}
