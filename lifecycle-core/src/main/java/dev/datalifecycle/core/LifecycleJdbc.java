package dev.datalifecycle.core;

import dev.datalifecycle.api.DataLifecycle;
import dev.datalifecycle.api.UnknownEntityTypeException;
import dev.datalifecycle.api.spi.Authorizer;
import dev.datalifecycle.api.spi.TransactionSource;
import dev.datalifecycle.core.internal.DataSourceTransactions;
import dev.datalifecycle.core.internal.Engine;
import dev.datalifecycle.core.model.LifecycleModel;
import dev.datalifecycle.core.sql.Dialect;
import dev.datalifecycle.core.sql.Dialects;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The entry to Data Lifecycle for an application on plain JDBC, jOOQ or MyBatis: builds the {@link
 * DataLifecycle} from a {@code DataSource} and a model (made with {@link
 * dev.datalifecycle.core.model.LifecycleModelBuilder}). The library's tables must exist ({@link
 * dev.datalifecycle.core.bin.LifecycleSchema}, or the shipped migrations). Hibernate applications use
 * {@code LifecycleJpa.builder(entityManagerFactory)} instead, which builds the same contract.
 *
 * <pre>{@code
 * DataLifecycle lifecycle = LifecycleJdbc.builder(dataSource, model).authorizer(authorizer).build();
 * Deletion deletion = lifecycle.delete(lifecycle.plan("Customer", 42L, alice), alice, "duplicate");
 *
 * connection.setAutoCommit(false);                       // or in your own transaction
 * JdbcTransaction transaction = JdbcTransaction.of(connection);
 * lifecycle.with(transaction).restore(deletion.id(), alice);
 * connection.commit();
 * transaction.committed();
 * }</pre>
 */
public final class LifecycleJdbc {

    private LifecycleJdbc() {
    }

    /** Starts an entry point whose own transactions run on connections from {@code dataSource}. */
    public static Builder builder(DataSource dataSource, LifecycleModel model) {
        return new Builder(new DataSourceTransactions(Objects.requireNonNull(dataSource, "dataSource")), model);
    }

    /**
     * Starts an entry point whose own transactions come from {@code transactions}: for integrations
     * (lifecycle-jpa, a framework module) that own the connections and what is cached of them.
     */
    public static Builder builder(TransactionSource transactions, LifecycleModel model) {
        return new Builder(Objects.requireNonNull(transactions, "transactions"), model);
    }

    /** Options of a {@link DataLifecycle}; each has a default. */
    public static final class Builder {
        private final TransactionSource transactions;
        private final LifecycleModel model;
        private Clock clock = Clock.systemUTC();
        private Authorizer authorizer = Authorizer.allowAll();
        private Dialect dialect;
        private Function<Class<?>, String> typeNames;

        private Builder(TransactionSource transactions, LifecycleModel model) {
            this.transactions = transactions;
            this.model = Objects.requireNonNull(model, "model");
        }

        /** The clock deletion times and expiries are read from (default: the system clock, UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Asked once before each operation (default: allows everything). */
        public Builder authorizer(Authorizer authorizer) {
            this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
            return this;
        }

        /** The database's dialect (default: detected from a connection when built). */
        public Builder dialect(Dialect dialect) {
            this.dialect = Objects.requireNonNull(dialect, "dialect");
            return this;
        }

        /**
         * How a class names a type of the model, for {@link DataLifecycle#plan(Class, Object,
         * dev.datalifecycle.api.Actor)} (default: the type named as the class's simple name).
         */
        public Builder typeNames(Function<Class<?>, String> typeNames) {
            this.typeNames = Objects.requireNonNull(typeNames, "typeNames");
            return this;
        }

        /**
         * Builds the entry point; detects the dialect unless given.
         *
         * @throws dev.datalifecycle.api.UnsupportedDatabaseException when the database is not one the library supports
         * @throws dev.datalifecycle.api.DatabaseException             when the database cannot be reached to detect it
         */
        public DataLifecycle build() {
            Dialect chosen = dialect;
            if (chosen == null) {
                try {
                    chosen = transactions.inNewTransaction(tx -> Dialects.detect(tx.connection()));
                } catch (SQLException e) {
                    throw new dev.datalifecycle.api.DatabaseException("detecting the database", null, null, e);
                }
            }
            Function<Class<?>, String> names = typeNames != null ? typeNames : type -> {
                if (!model.types().containsKey(type.getSimpleName())) {
                    throw new UnknownEntityTypeException(type.getName(), model.types().keySet());
                }
                return type.getSimpleName();
            };
            return new Engine(model, chosen, clock, authorizer, transactions, names);
        }
    }
}
