package dev.datalifecycle.api;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The delete rule of one dependency: one rule for every referencing record, or a conditional rule
 * whose branches are tried in order on the referencing record's columns ("an open contract blocks, a
 * closed one cascades"). A record that matches no branch, a {@code NULL} included, gets
 * {@link DeleteRule#RESTRICT}: never silently neither.
 *
 * <pre>{@code
 * RuleSpec rule = RuleSpec.when(Criteria.eq("status", "CLOSED"), DeleteRule.CASCADE)
 *         .orWhen(Criteria.eq("status", "DRAFT"), DeleteRule.DETACH);   // everything else RESTRICT
 * }</pre>
 *
 * @param branches the conditional branches, in order; empty for an unconditional rule
 * @param otherwise the rule when no branch matches: the unconditional rule, or RESTRICT
 */
public record RuleSpec(List<Branch> branches, DeleteRule otherwise) {

    /** The safe default: the referencing record blocks. */
    public static final RuleSpec RESTRICT = new RuleSpec(List.of(), DeleteRule.RESTRICT);

    /**
     * One branch of a conditional rule.
     *
     * @param when the condition on the referencing record's columns
     * @param rule what happens to the records that match it (and no earlier branch)
     */
    public record Branch(Criteria when, DeleteRule rule) {
        public Branch {
            Objects.requireNonNull(when, "when");
            Objects.requireNonNull(rule, "rule");
        }
    }

    public RuleSpec {
        branches = List.copyOf(branches);
        Objects.requireNonNull(otherwise, "otherwise");
        if (!branches.isEmpty() && otherwise != DeleteRule.RESTRICT) {
            throw new InvalidRequestException("A conditional rule sends unmatched records to RESTRICT, not " + otherwise);
        }
    }

    /** The same rule for every referencing record. */
    public static RuleSpec of(DeleteRule rule) {
        return new RuleSpec(List.of(), rule);
    }

    /** A conditional rule with its first branch; unmatched records get RESTRICT. */
    public static RuleSpec when(Criteria when, DeleteRule rule) {
        return new RuleSpec(List.of(new Branch(when, rule)), DeleteRule.RESTRICT);
    }

    /** This rule with one more branch, tried after the existing ones. */
    public RuleSpec orWhen(Criteria when, DeleteRule rule) {
        if (branches.isEmpty()) {
            throw new InvalidRequestException("orWhen extends a conditional rule: start with RuleSpec.when");
        }
        List<Branch> more = new ArrayList<>(branches);
        more.add(new Branch(when, rule));
        return new RuleSpec(more, DeleteRule.RESTRICT);
    }

    /** Whether the rule depends on the referencing record's columns. */
    public boolean conditional() {
        return !branches.isEmpty();
    }

    /** Every rule some referencing record may get. */
    public Set<DeleteRule> possibleRules() {
        Set<DeleteRule> rules = EnumSet.of(otherwise);
        branches.forEach(b -> rules.add(b.rule()));
        return rules;
    }

    @Override
    public String toString() {
        if (branches.isEmpty()) {
            return otherwise.name();
        }
        StringBuilder text = new StringBuilder();
        for (Branch branch : branches) {
            text.append("when ").append(branch.when()).append(" then ").append(branch.rule()).append("; ");
        }
        return text.append("otherwise RESTRICT").toString();
    }
}
