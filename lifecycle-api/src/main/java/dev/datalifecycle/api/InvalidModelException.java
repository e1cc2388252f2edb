package dev.datalifecycle.api;

import java.util.List;

/**
 * The model (entity types, dependencies, rules, policies) is not valid. Thrown once, at start-up, by
 * the model's {@code build()}, listing every problem found, each naming the entity type and the
 * attribute or column, the bad value and what is allowed.
 */
public final class InvalidModelException extends LifecycleException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /** @param problems every problem, one sentence each */
    public InvalidModelException(List<String> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, one sentence each, in the order found. */
    public List<String> problems() {
        return problems;
    }

    private static String message(List<String> problems) {
        StringBuilder text = new StringBuilder("The Data Lifecycle model has ").append(problems.size())
                .append(problems.size() == 1 ? " problem:" : " problems:");
        for (String problem : problems) {
            text.append("\n  - ").append(problem);
        }
        return text.toString();
    }
}
