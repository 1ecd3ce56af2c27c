package io.fluxrp.model.fluxconfig;

import static io.fluxrp.model.fluxconfig.MessageText.quote;

import io.fluxrp.model.schema.JsonPath;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code kustomizations}: names, alone and combined with the configuration name; intervals;
 * {@code dependsOn} entries and cycles; {@code postBuild}.
 */
final class KustomizationRules {
  private static final int MAX_NAMES_SHOWN = 10;

  private final ValidationProblems problems;
  private final PropertyChecks checks;
  private final PostBuildRules postBuild;

  KustomizationRules(ValidationProblems problems) {
    this.problems = problems;
    this.checks = new PropertyChecks(problems);
    this.postBuild = new PostBuildRules(problems);
  }

  /** {@code configurationName} is null when it is invalid itself. */
  void check(Map<String, KustomizationDefinition> kustomizations, String configurationName) {
    Map<String, KustomizationDefinition> all = kustomizations == null ? Map.of() : kustomizations;
    for (Map.Entry<String, KustomizationDefinition> entry : all.entrySet()) {
      String name = entry.getKey();
      JsonPath path = PropertyPaths.kustomization(name);
      checkName(path, name, configurationName);
      KustomizationDefinition k = entry.getValue();
      if (k == null) {
        continue;
      }
      checks.checkSeconds(path.property("timeoutInSeconds"), k.timeoutInSeconds());
      checks.checkSeconds(path.property("syncIntervalInSeconds"), k.syncIntervalInSeconds());
      checks.checkSeconds(path.property("retryIntervalInSeconds"), k.retryIntervalInSeconds());
      checkDependsOn(path, name, k.dependsOn(), all.keySet());
      if (k.postBuild() != null) {
        postBuild.check(path.property("postBuild"), k.postBuild());
      }
    }
    new DependencyCycles(problems, all).report();
  }

  private void checkName(JsonPath path, String name, String configurationName) {
    Optional<String> problem = KubernetesNames.subdomainProblem(name, KubernetesNames.MAX_LABEL);
    if (problem.isPresent()) {
      problems.invalid(
          path,
          "The kustomization name "
              + quote(name)
              + " "
              + problem.get()
              + ". Kustomization names must be 1 to 63 lower-case letters, digits, '-' and '.',"
              + " starting and ending with a letter or digit.");
      return;
    }
    if (configurationName != null) {
      checkFluxObjectName(path, name, configurationName);
    }
  }

  /** The Flux Kustomization in the cluster is named {@code <configuration>-<kustomization>}. */
  private void checkFluxObjectName(JsonPath path, String name, String configurationName) {
    int combined = configurationName.length() + 1 + name.length();
    if (combined > KubernetesNames.MAX_LABEL) {
      problems.invalid(
          path,
          "The Flux Kustomization for "
              + quote(name)
              + " is named '<configuration>-<kustomization>' ("
              + quote(configurationName + "-" + name)
              + ", "
              + combined
              + " characters), which must not exceed 63 characters. Shorten the kustomization"
              + " name to at most "
              + Math.max(0, KubernetesNames.MAX_LABEL - configurationName.length() - 1)
              + " characters.");
    }
  }

  private void checkDependsOn(
      JsonPath path, String name, List<String> dependsOn, Set<String> known) {
    if (dependsOn == null) {
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < dependsOn.size(); i++) {
      String dependency = dependsOn.get(i);
      if (dependency != null) {
        checkDependency(path.property("dependsOn").index(i), name, dependency, known, seen);
      }
    }
  }

  /**
   * The first {@value #MAX_NAMES_SHOWN} names: every unknown dependency names them, so listing all
   * would make the problems grow with the square of the kustomizations.
   */
  private static String knownNames(Set<String> known) {
    if (known.isEmpty()) {
      return "none";
    }
    String shown =
        String.join(", ", known.stream().limit(MAX_NAMES_SHOWN).map(MessageText::quote).toList());
    return known.size() > MAX_NAMES_SHOWN
        ? shown + " and " + (known.size() - MAX_NAMES_SHOWN) + " more"
        : shown;
  }

  private void checkDependency(
      JsonPath path, String name, String dependency, Set<String> known, Set<String> seen) {
    if (dependency.equals(name)) {
      problems.invalid(
          path,
          "The kustomization "
              + quote(name)
              + " cannot depend on itself; remove it from dependsOn.");
    } else if (!known.contains(dependency)) {
      problems.invalid(
          path,
          "The kustomization "
              + quote(name)
              + " depends on "
              + quote(dependency)
              + ", which is not a kustomization of this configuration. Known kustomizations: "
              + knownNames(known)
              + ".");
    } else if (!seen.add(dependency)) {
      problems.invalid(
          path,
          "The kustomization "
              + quote(name)
              + " lists "
              + quote(dependency)
              + " more than once in dependsOn; list each dependency once.");
    }
  }
}
