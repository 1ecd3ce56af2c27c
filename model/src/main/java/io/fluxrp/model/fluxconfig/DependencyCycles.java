package io.fluxrp.model.fluxconfig;

import io.fluxrp.model.schema.JsonPath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the cycles in the {@code dependsOn} graph of the kustomizations and reports each once,
 * naming it ({@code a -> b -> a}). Self-dependencies and unknown names are reported elsewhere.
 */
final class DependencyCycles {
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
      findCycles(start, new ArrayList<>());
    }
  }

  private void findCycles(String node, List<String> stack) {
    int onStack = stack.indexOf(node);
    if (onStack >= 0) {
      reportCycle(new ArrayList<>(stack.subList(onStack, stack.size())));
      return;
    }
    if (done.contains(node)) {
      return;
    }
    stack.add(node);
    for (String next : edges.get(node)) {
      findCycles(next, stack);
    }
    stack.remove(stack.size() - 1);
    done.add(node);
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
