package dev.datalifecycle.core.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Graph algorithms over entity types (not records): strongly connected components, in topological order. */
public final class TypeGraph {

    private TypeGraph() {
    }

    /**
     * The strongly connected components of the graph, each listed once, in an order where every edge
     * between components goes from an earlier to a later one (Tarjan's algorithm, iterative so deep
     * models cannot overflow the stack).
     *
     * @param nodes all nodes
     * @param edges successors per node
     */
    public static List<List<String>> stronglyConnected(Collection<String> nodes, Map<String, ? extends Collection<String>> edges) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new HashSet<>();
        List<List<String>> components = new ArrayList<>();
        int[] counter = {0};
        for (String start : nodes) {
            if (index.containsKey(start)) {
                continue;
            }
            Deque<Object[]> work = new ArrayDeque<>();
            work.push(new Object[] {start, successors(edges, start).iterator()});
            index.put(start, counter[0]);
            low.put(start, counter[0]++);
            stack.push(start);
            onStack.add(start);
            while (!work.isEmpty()) {
                Object[] frame = work.peek();
                String node = (String) frame[0];
                @SuppressWarnings("unchecked")
                java.util.Iterator<String> it = (java.util.Iterator<String>) frame[1];
                if (it.hasNext()) {
                    String next = it.next();
                    if (!index.containsKey(next)) {
                        index.put(next, counter[0]);
                        low.put(next, counter[0]++);
                        stack.push(next);
                        onStack.add(next);
                        work.push(new Object[] {next, successors(edges, next).iterator()});
                    } else if (onStack.contains(next)) {
                        low.put(node, Math.min(low.get(node), index.get(next)));
                    }
                } else {
                    work.pop();
                    if (!work.isEmpty()) {
                        String parent = (String) work.peek()[0];
                        low.put(parent, Math.min(low.get(parent), low.get(node)));
                    }
                    if (low.get(node).equals(index.get(node))) {
                        List<String> component = new ArrayList<>();
                        String member;
                        do {
                            member = stack.pop();
                            onStack.remove(member);
                            component.add(0, member);
                        } while (!member.equals(node));
                        components.add(component);
                    }
                }
            }
        }
        // Tarjan emits components in reverse topological order.
        java.util.Collections.reverse(components);
        return components;
    }

    private static Collection<String> successors(Map<String, ? extends Collection<String>> edges, String node) {
        Collection<String> next = edges.get(node);
        return next == null ? List.of() : next;
    }
}
