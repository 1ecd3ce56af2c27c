package io.fluxrp.model.fluxconfig;

import io.fluxrp.model.schema.JsonPath;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the cycles in the {@code dependsOn} graph of the kustomizations and reports each once (the
 * first {@value #MAX_REPORTED} found), naming it ({@code a -> b -> a}). Self-dependencies and
 * unknown names are reported elsewhere.
 */
final class DependencyCycles {
  /**
   * Cycles reported at most: a few thousand kustomizations can form millions of cycles, and each
   * one found costs its length.
   */
  private static final int MAX_REPORTED = 10;

  private final ValidationProblems problems;
  private final Map<String, KustomizationDefinition> kustomizations;
  private final Map<String, List<String>> edges = new LinkedHashMap<>();
  private final Set<String> reported = new HashSet<>();
  private final Set<String> done = new HashSet<>();

  DependencyCycles(
      ValidationProblems problems, Map<String, KustomizationDefinition> kustomizations) {
    this.problems = problems;
    this.kustomizations = kustomizations;
    kustomizations.forEach((name, k) -> edges.put(name, knownDependencies(name, k)));
  }

  private List<String> knownDependencies(String name, KustomizationDefinition k) {
    List<String> targets = new ArrayList<>();
    if (k != null && k.dependsOn() != null) {
      for (String d : k.dependsOn()) {
        if (d != null && !d.equals(name) && kustomizations.containsKey(d)) {
          targets.add(d);
        }
      }
    }
    return targets;
  }

  void report() {
    for (String start : edges.keySet()) {
      if (!done.contains(start)) {
        walkFrom(start);
      }
    }
  }

  /**
   * Depth-first from {@code start} with an explicit stack (a long {@code dependsOn} chain must not
   * exhaust the thread's stack); an edge back to a name on the current path closes a cycle.
   */
  private void walkFrom(String start) {
    List<String> path = new ArrayList<>();
    Map<String, Integer> onPath = new HashMap<>();
    Deque<Iterator<String>> pending = new ArrayDeque<>();
    enter(start, path, onPath, pending);
    while (!pending.isEmpty()) {
      Iterator<String> next = pending.peek();
      if (!next.hasNext()) {
        pending.pop();
        String node = path.remove(path.size() - 1);
        onPath.remove(node);
        done.add(node);
        continue;
      }
      String target = next.next();
      Integer at = onPath.get(target);
      if (at != null) {
        if (reported.size() < MAX_REPORTED) {
          reportCycle(new ArrayList<>(path.subList(at, path.size())));
        }
      } else if (!done.contains(target)) {
        enter(target, path, onPath, pending);
      }
    }
  }

  private void enter(
      String node,
      List<String> path,
      Map<String, Integer> onPath,
      Deque<Iterator<String>> pending) {
    onPath.put(node, path.size());
    path.add(node);
    pending.push(edges.get(node).iterator());
  }

  private void reportCycle(List<String> cycle) {
    List<String> rotated = startingAtSmallest(cycle);
    if (!reported.add(String.join("\u0000", rotated))) {
      return;
    }
    String head = rotated.get(0);
    String next = rotated.size() > 1 ? rotated.get(1) : head;
    List<String> dependsOn = kustomizations.get(head).dependsOn();
    List<String> shown = new ArrayList<>(rotated);
    shown.add(head);
    JsonPath path = PropertyPaths.kustomization(head).property("dependsOn");
    problems.invalid(
        path.index(dependsOn.indexOf(next)),
        "The kustomizations depend on each other in a cycle: "
            + String.join(" -> ", shown)
            + ". Flux would never apply them; remove one of these dependencies.");
  }

  /** The same cycle found from another node rotates to the same list, so it is reported once. */
  private static List<String> startingAtSmallest(List<String> cycle) {
    int first = 0;
    for (int i = 1; i < cycle.size(); i++) {
      if (cycle.get(i).compareTo(cycle.get(first)) < 0) {
        first = i;
      }
    }
    List<String> rotated = new ArrayList<>(cycle.subList(first, cycle.size()));
    rotated.addAll(cycle.subList(0, first));
    return rotated;
  }
}
