package dev.datalifecycle.api.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an entity whose records go to the recycle bin when deleted. Its table carries two marker
 * columns the library manages (they need no attribute in the entity): which deletion removed a row,
 * and when.
 *
 * <pre>{@code
 * @Entity
 * @SoftDeletable
 * public class Customer { ... }
 * }</pre>
 *
 * <p>Put it on the root of an inheritance hierarchy; subclasses inherit it. The column names pass
 * through the host's physical naming strategy like any column name.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SoftDeletable {

    /** The column holding the deletion's id ({@code NULL} while the row is live). */
    String deletionIdColumn() default "deletion_id";

    /** The column holding when the row was deleted ({@code NULL} while the row is live). */
    String deletedAtColumn() default "deleted_at";

    /**
     * A boolean deleted flag the table already has, which the library then keeps in step (true while
     * the row is in the bin); empty for none. An existing deleted timestamp is adopted by naming it as
     * {@link #deletedAtColumn()}.
     */
    String deletedFlagColumn() default "";
}
