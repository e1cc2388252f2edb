package dev.datalifecycle.core.plan;

import dev.datalifecycle.api.DeleteRule;
import dev.datalifecycle.core.model.Dependency;
import dev.datalifecycle.core.model.DependencyKind;
import dev.datalifecycle.core.model.LifecycleModel;
import dev.datalifecycle.core.model.TypeGraph;
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
        List<String> ordered = new ArrayList<>();
        for (List<String> component : TypeGraph.stronglyConnected(reached, edges)) {
            // The model refuses cycles through several types, so each component is one type.
            ordered.addAll(component);
        }
        return new Closure(List.copyOf(ordered), into);
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
