package dev.datalifecycle.testkit;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Counts the SQL statements that reach the database through a {@link DataSource}, whoever sends
 * them: Hibernate, the library's own JDBC, or a test's raw SQL. It wraps at the JDBC level, so
 * nothing escapes it that goes through the wrapped {@code DataSource}.
 *
 * <p>One <em>statement</em> is one execution: a call of {@code execute}, {@code executeQuery},
 * {@code executeUpdate} or {@code executeBatch}. A batch counts once however many rows it carries
 * (that is what a round trip costs and what must not grow with record counts); the rows added to
 * batches are counted separately in {@link #batchedRows()}.
 *
 * <pre>{@code
 * StatementCounter counter = new StatementCounter();
 * DataSource counted = counter.wrap(dataSource);
 * counter.reset();
 * lifecycle.delete(...);                 // through 'counted'
 * assertEquals(4, counter.count());
 * }</pre>
 */
public final class StatementCounter {

    /** Recorded SQL beyond this many executions is dropped (the count goes on). */
    private static final int MAX_RECORDED = 10_000;

    private final AtomicLong count = new AtomicLong();
    private final AtomicLong batchedRows = new AtomicLong();
    private final List<String> recorded = new ArrayList<>();

    /** Returns a {@code DataSource} that counts every statement sent through it to {@code target}. */
    public DataSource wrap(DataSource target) {
        return new CountingDataSource(target);
    }

    /** Wraps one connection; statements created from it are counted. */
    public Connection wrap(Connection target) {
        return (Connection) Proxy.newProxyInstance(
                StatementCounter.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                new ConnectionHandler(target));
    }

    /** Forgets everything counted so far. */
    public void reset() {
        synchronized (recorded) {
            count.set(0);
            batchedRows.set(0);
            recorded.clear();
        }
    }

    /** Executions since the last {@link #reset()}. */
    public long count() {
        return count.get();
    }

    /** Executions since the last reset whose SQL starts with {@code keyword} (e.g. {@code "delete"}). */
    public long count(String keyword) {
        String k = keyword.toLowerCase(Locale.ROOT);
        synchronized (recorded) {
            return recorded.stream().filter(sql -> firstWord(sql).equals(k)).count();
        }
    }

    /** Rows added to batches with {@code addBatch} since the last reset. */
    public long batchedRows() {
        return batchedRows.get();
    }

    /** The SQL of each execution since the last reset, in order (at most the first 10,000). */
    public List<String> statements() {
        synchronized (recorded) {
            return List.copyOf(recorded);
        }
    }

    private void executed(String sql) {
        synchronized (recorded) {
            count.incrementAndGet();
            if (recorded.size() < MAX_RECORDED) {
                recorded.add(sql == null ? "<unknown>" : sql.strip());
            }
        }
    }

    private static String firstWord(String sql) {
        String s = sql.stripLeading();
        int end = 0;
        while (end < s.length() && Character.isLetter(s.charAt(end))) {
            end++;
        }
        return s.substring(0, end).toLowerCase(Locale.ROOT);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private final class CountingDataSource implements DataSource {
        private final DataSource target;

        CountingDataSource(DataSource target) {
            this.target = target;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return wrap(target.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return wrap(target.getConnection(username, password));
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return target.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            target.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            target.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return target.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return target.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            return iface.isInstance(this) ? iface.cast(this) : target.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) throws SQLException {
            return iface.isInstance(this) || target.isWrapperFor(iface);
        }
    }

    private final class ConnectionHandler implements InvocationHandler {
        private final Connection target;

        ConnectionHandler(Connection target) {
            this.target = target;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("unwrap") && ((Class<?>) args[0]).isInstance(proxy)) {
                return proxy;
            }
            Object result = StatementCounter.invoke(target, method, args);
            switch (name) {
                case "createStatement":
                    return statement(Statement.class, (Statement) result, null, (Connection) proxy);
                case "prepareStatement":
                    return statement(PreparedStatement.class, (Statement) result, (String) args[0], (Connection) proxy);
                case "prepareCall":
                    return statement(CallableStatement.class, (Statement) result, (String) args[0], (Connection) proxy);
                default:
                    return result;
            }
        }

        private Object statement(Class<?> type, Statement statement, String sql, Connection connection) {
            return Proxy.newProxyInstance(
                    StatementCounter.class.getClassLoader(),
                    new Class<?>[] {type},
                    new StatementHandler(statement, sql, connection));
        }
    }

    private final class StatementHandler implements InvocationHandler {
        private final Statement target;
        private final String preparedSql;
        private final Connection connection;
        private String batchSql;

        StatementHandler(Statement target, String preparedSql, Connection connection) {
            this.target = target;
            this.preparedSql = preparedSql;
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            switch (name) {
                case "getConnection":
                    return connection;
                case "unwrap":
                    if (((Class<?>) args[0]).isInstance(proxy)) {
                        return proxy;
                    }
                    break;
                case "addBatch":
                    batchedRows.incrementAndGet();
                    if (batchSql == null) {
                        batchSql = args != null && args.length == 1 ? (String) args[0] : preparedSql;
                    }
                    break;
                case "clearBatch":
                    batchSql = null;
                    break;
                case "executeBatch":
                case "executeLargeBatch":
                    executed(batchSql != null ? batchSql : preparedSql);
                    batchSql = null;
                    break;
                case "execute":
                case "executeQuery":
                case "executeUpdate":
                case "executeLargeUpdate":
                    executed(args != null && args.length > 0 && args[0] instanceof String
                            ? (String) args[0] : preparedSql);
                    break;
                default:
                    break;
            }
            return StatementCounter.invoke(target, method, args);
        }
    }
}
