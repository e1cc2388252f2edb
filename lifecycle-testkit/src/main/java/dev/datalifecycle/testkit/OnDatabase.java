package dev.datalifecycle.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against one database. Write each behaviour once, as an abstract contract class
 * whose test methods take a {@link TestDatabase} parameter, and add one short subclass per database:
 *
 * <pre>{@code
 * abstract class RoundTripContract {
 *     @Test
 *     void persistedEntityReadsBack(TestDatabase db) { ... }
 * }
 *
 * @OnDatabase(Dbms.POSTGRESQL)
 * class RoundTripPostgreSqlTest extends RoundTripContract {}
 * }</pre>
 *
 * <p>The class gets a fresh database (schema on PostgreSQL) that is dropped after its last test;
 * {@code @BeforeAll}, {@code @BeforeEach} and test methods receive it as a parameter. Display names
 * carry the database ({@code persistedEntityReadsBack() [PostgreSQL]}), so a report can be counted
 * per database. An unreachable server skips the class with one clear line, or fails it when
 * {@code CI=true} (see {@link DatabaseAvailability}).
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(DatabaseExtension.class)
@DisplayNameGeneration(DatabaseDisplayNames.class)
public @interface OnDatabase {

    /** The database this class runs on. */
    Dbms value();
}
