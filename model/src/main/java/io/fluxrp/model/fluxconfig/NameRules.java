package io.fluxrp.model.fluxconfig;

import static io.fluxrp.model.fluxconfig.MessageText.quote;
import static io.fluxrp.model.fluxconfig.PropertyPaths.PROPERTIES;

import io.fluxrp.model.arm.ErrorDetail;
import java.util.List;

/** The configuration's name (a path segment) and the namespace it deploys into. */
final class NameRules {
  private final ValidationProblems problems;

  NameRules(ValidationProblems problems) {
    this.problems = problems;
  }

  /** Whether the name is valid; the kustomization rules only check names combined with it then. */
  boolean checkConfigurationName(String name) {
    List<ErrorDetail> nameProblems = ResourcePathRules.validateConfigurationName(name);
    problems.addAll(nameProblems);
    return nameProblems.isEmpty();
  }

  void checkNamespace(String namespace) {
    if (namespace == null) {
      return;
    }
    KubernetesNames.labelProblem(namespace, KubernetesNames.MAX_LABEL)
        .ifPresent(
            why ->
                problems.invalid(
                    PROPERTIES.property("namespace"),
                    "The namespace "
                        + quote(namespace)
                        + " "
                        + why
                        + ". A namespace must be a DNS-1123 label: 1 to 63 lower-case letters,"
                        + " digits and '-', starting and ending with a letter or digit."));
  }
}
