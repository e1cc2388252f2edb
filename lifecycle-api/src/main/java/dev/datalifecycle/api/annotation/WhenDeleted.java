package dev.datalifecycle.api.annotation;

import dev.datalifecycle.api.DeleteRule;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What happens to this record when the record its reference points to is deleted: put it on the
 * referencing attribute (a {@code @ManyToOne}, an owning {@code @OneToOne}, or a plain column marked
 * {@link References}). It overrides the rule the mapping implies.
 *
 * <pre>{@code
 * @ManyToOne
 * @WhenDeleted(DeleteRule.DETACH)          // deleting the account unlinks its contacts
 * Account account;
 *
 * @ManyToOne(optional = false)
 * @WhenDeleted(cases = @WhenDeleted.Case(attribute = "status", in = "CLOSED", then = DeleteRule.CASCADE))
 * Customer customer;                       // closed contracts go with the customer; open ones block
 * }</pre>
 *
 * <p>With {@link #cases()}, the cases are tried in order on this record's attributes; a record that
 * matches none, a {@code null} included, gets RESTRICT (and {@link #value()} must be left at RESTRICT).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface WhenDeleted {

    /** The rule for every referencing record, or for those matching no case: RESTRICT by default. */
    DeleteRule value() default DeleteRule.RESTRICT;

    /** Conditional cases, tried in order. */
    Case[] cases() default {};

    /** One case of a conditional rule: records whose attribute has one of the values (or is null). */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({})
    @interface Case {

        /** The attribute of this (the referencing) entity that is tested, e.g. {@code status}. */
        String attribute();

        /** The values that match (as stored: an enum stored by name is matched by its name). */
        String[] in() default {};

        /** Matches records whose attribute is null instead of comparing values. */
        boolean isNull() default false;

        /** The rule for matching records. */
        DeleteRule then();
    }
}
