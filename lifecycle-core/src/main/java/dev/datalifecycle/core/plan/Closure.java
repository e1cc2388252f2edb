package dev.datalifecycle.core.plan;

import dev.datalifecycle.api.DeleteRule;
import dev.datalifecycle.core.model.Dependency;
import dev.datalifecycle.core.model.DependencyKind;
import dev.datalifecycle.core.model.LifecycleModel;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The entity types a delete of a root type may reach through CASCADE rules, in an order where every
 * type comes after the types that cascade into it. Computed on the type graph, not on records, so its
 * size depends on the model only.
 */
final class Closure {

    private final List<String> types;
    private final Map<String, List<Dependency>> cascadesInto;

    private Closure(List<String> types, Map<String, List<Dependency>> cascadesInto) {
        this.types = types;
        this.cascadesInto = cascadesInto;
    }

    static Closure of(LifecycleModel model, String root) {
        Set<String> reached = new LinkedHashSet<>();
        Map<String, List<String>> edges = new LinkedHashMap<>();
        Map<String, List<Dependency>> into = new LinkedHashMap<>();
        Deque<String> queue = new ArrayDeque<>();
        reached.add(root);
        queue.add(root);
        while (!queue.isEmpty()) {
            String target = queue.poll();
            for (Dependency d : model.dependenciesOn(target)) {
                if (!cascades(d)) {
                    continue;
                }
                into.computeIfAbsent(d.fromType(), k -> new ArrayList<>()).add(d);
                edges.computeIfAbsent(target, k -> new ArrayList<>()).add(d.fromType());
                if (reached.add(d.fromType())) {
                    queue.add(d.fromType());
                }
            }
        }
        return new Closure(order(model, reached, edges), into);
    }

    /**
     * Parents before children, and among types free to come next the one declared first, so plans
     * read in the order the host declared its types. The model refuses cascade cycles through
     * several types, so only self-references are left to ignore here.
     */
    private static List<String> order(LifecycleModel model, Set<String> reached, Map<String, List<String>> edges) {
        List<String> declared = new ArrayList<>(model.types().keySet());
        Map<String, Integer> waitingFor = new LinkedHashMap<>();
        reached.forEach(t -> waitingFor.put(t, 0));
        edges.forEach((target, froms) -> froms.stream().filter(f -> !f.equals(target))
                .forEach(f -> waitingFor.merge(f, 1, Integer::sum)));
        java.util.PriorityQueue<String> ready = new java.util.PriorityQueue<>(java.util.Comparator.comparingInt(declared::indexOf));
        waitingFor.forEach((t, n) -> {
            if (n == 0) {
                ready.add(t);
            }
        });
        List<String> ordered = new ArrayList<>();
        while (!ready.isEmpty()) {
            String next = ready.poll();
            ordered.add(next);
            for (String from : edges.getOrDefault(next, List.of())) {
                if (!from.equals(next) && waitingFor.merge(from, -1, Integer::sum) == 0) {
                    ready.add(from);
                }
            }
        }
        if (ordered.size() != reached.size()) {
            throw new IllegalStateException("Cascade cycle through several types among " + reached + ": the model should have refused it");
        }
        return List.copyOf(ordered);
    }

    /** Whether some records referencing through {@code d} are deleted with their target. */
    static boolean cascades(Dependency d) {
        return d.kind() != DependencyKind.ELEMENT_COLLECTION && d.rule().possibleRules().contains(DeleteRule.CASCADE);
    }

    /** The types, each after every type that cascades into it (a type that cascades into itself aside). */
    List<String> types() {
        return types;
    }

    boolean contains(String type) {
        return cascadesInto.containsKey(type) || types.contains(type);
    }

    /** The CASCADE dependencies by which records of {@code type} are reached. */
    List<Dependency> cascadesInto(String type) {
        return cascadesInto.getOrDefault(type, List.of());
    }
}
