package dev.datalifecycle.core.plan;

import dev.datalifecycle.api.DeleteRule;
import dev.datalifecycle.core.model.Dependency;
import dev.datalifecycle.core.model.DependencyKind;
import dev.datalifecycle.core.model.LifecycleModel;
import dev.datalifecycle.core.model.TypeGraph;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The entity types a delete of a root type may reach through CASCADE rules, grouped into cycles
 * (a type that cascades into itself, or types that cascade into each other) and ordered so that every
 * group comes after the groups that cascade into it. Computed on the type graph, not on records, so
 * its size depends on the model only.
 */
final class Closure {

    /**
     * Closures already worked out, per model and root type. A model never changes once built, and
     * every delete, restore and plan asks for its root type's closure: in the few hundred calls before
     * the JIT compiles it, working it out again cost 50-150 microseconds each time.
     */
    private static final Map<LifecycleModel, Map<String, Closure>> KNOWN = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private final List<List<String>> components;
    private final List<String> types;
    private final Map<String, List<Dependency>> cascadesInto = new HashMap<>();
    private final Map<String, List<String>> componentOf = new HashMap<>();

    private Closure(List<List<String>> components, Map<String, List<Dependency>> cascadesInto) {
        this.components = components.stream().map(List::copyOf).toList();
        this.types = this.components.stream().flatMap(List::stream).toList();
        cascadesInto.forEach((type, dependencies) -> this.cascadesInto.put(type, List.copyOf(dependencies)));
        this.components.forEach(c -> c.forEach(t -> componentOf.put(t, c)));
    }

    /** The closure of {@code root} in {@code model}, worked out once per model and root type. */
    static Closure of(LifecycleModel model, String root) {
        if (!model.types().containsKey(root)) {
            return workOut(model, root);
        }
        return KNOWN.computeIfAbsent(model, m -> new java.util.concurrent.ConcurrentHashMap<>()).computeIfAbsent(root, r -> workOut(model, r));
    }

    private static Closure workOut(LifecycleModel model, String root) {
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
     * Groups before the groups they cascade into, and among groups free to come next the one with the
     * type declared first, so plans read in the order the host declared its types.
     */
    private static List<List<String>> order(LifecycleModel model, Set<String> reached, Map<String, List<String>> edges) {
        List<String> declared = new ArrayList<>(model.types().keySet());
        List<List<String>> components = new ArrayList<>();
        for (List<String> component : TypeGraph.stronglyConnected(reached, edges)) {
            List<String> sorted = new ArrayList<>(component);
            sorted.sort(Comparator.comparingInt(declared::indexOf));
            components.add(List.copyOf(sorted));
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < components.size(); i++) {
            for (String type : components.get(i)) {
                index.put(type, i);
            }
        }
        int[] waitingFor = new int[components.size()];
        Map<Integer, Set<Integer>> next = new HashMap<>();
        edges.forEach((target, froms) -> froms.forEach(from -> {
            int a = index.get(target);
            int b = index.get(from);
            if (a != b && next.computeIfAbsent(a, k -> new LinkedHashSet<>()).add(b)) {
                waitingFor[b]++;
            }
        }));
        PriorityQueue<Integer> ready = new PriorityQueue<>(Comparator.comparingInt(i -> declared.indexOf(components.get(i).get(0))));
        for (int i = 0; i < components.size(); i++) {
            if (waitingFor[i] == 0) {
                ready.add(i);
            }
        }
        List<List<String>> ordered = new ArrayList<>();
        while (!ready.isEmpty()) {
            int i = ready.poll();
            ordered.add(components.get(i));
            for (int j : next.getOrDefault(i, Set.of())) {
                if (--waitingFor[j] == 0) {
                    ready.add(j);
                }
            }
        }
        return List.copyOf(ordered);
    }

    /** Whether some records referencing through {@code d} are deleted with their target. */
    static boolean cascades(Dependency d) {
        return d.kind() != DependencyKind.ELEMENT_COLLECTION && d.rule().possibleRules().contains(DeleteRule.CASCADE);
    }

    /** The types, each group after every group that cascades into it. */
    List<String> types() {
        return types;
    }

    /** The groups of types that cascade into each other, in order; most have one type. */
    List<List<String>> components() {
        return components;
    }

    /** The group of {@code type}. */
    List<String> componentOf(String type) {
        return componentOf.get(type);
    }

    /** The CASCADE dependencies by which records of {@code type} are reached. */
    List<Dependency> cascadesInto(String type) {
        return cascadesInto.getOrDefault(type, List.of());
    }
}
