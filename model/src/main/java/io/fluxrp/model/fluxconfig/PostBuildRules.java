package io.fluxrp.model.fluxconfig;

import static io.fluxrp.model.fluxconfig.MessageText.quote;

import io.fluxrp.model.schema.JsonPath;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The {@code postBuild} of a kustomization: variable names and where variables come from. */
final class PostBuildRules {
  private static final Pattern SUBSTITUTE_KEY = Pattern.compile("^[_a-zA-Z][_a-zA-Z0-9]*$");

  private final ValidationProblems problems;

  PostBuildRules(ValidationProblems problems) {
    this.problems = problems;
  }

  void check(JsonPath path, PostBuildDefinition postBuild) {
    if (postBuild.substitute() != null) {
      for (String key : postBuild.substitute().keySet()) {
        checkVariableName(path.property("substitute").key(key), key);
      }
    }
    List<SubstituteFromDefinition> from = postBuild.substituteFrom();
    if (from == null) {
      return;
    }
    for (int i = 0; i < from.size(); i++) {
      if (from.get(i) != null) {
        checkSubstituteFrom(path.property("substituteFrom").index(i), from.get(i));
      }
    }
  }

  private void checkVariableName(JsonPath path, String key) {
    if (!SUBSTITUTE_KEY.matcher(key).matches()) {
      problems.invalid(
          path,
          "The substitution variable name "
              + quote(key)
              + " is not valid; names start with a letter or '_' and contain only letters,"
              + " digits and '_' (e.g. cluster_env).");
    }
  }

  private void checkSubstituteFrom(JsonPath path, SubstituteFromDefinition item) {
    checkKind(path.property("kind"), item.kind());
    checkName(path.property("name"), item.name());
  }

  private void checkKind(JsonPath path, String kind) {
    if (kind == null) {
      problems.missing(path, "Each substituteFrom entry needs a kind: 'ConfigMap' or 'Secret'.");
    } else if (!kind.equals("ConfigMap") && !kind.equals("Secret")) {
      String hint =
          Stream.of("ConfigMap", "Secret")
              .filter(kind::equalsIgnoreCase)
              .findFirst()
              .map(meant -> " The kind is case-sensitive: did you mean '" + meant + "'?")
              .orElse("");
      problems.invalid(
          path,
          "The substituteFrom kind "
              + quote(kind)
              + " is not valid; it must be exactly 'ConfigMap' or 'Secret'."
              + hint);
    }
  }

  private void checkName(JsonPath path, String name) {
    if (name == null || name.isEmpty()) {
      problems.missing(
          path,
          "Each substituteFrom entry needs the name of the ConfigMap or Secret to read variables"
              + " from.");
      return;
    }
    KubernetesNames.subdomainProblem(name, KubernetesNames.MAX_SUBDOMAIN)
        .ifPresent(
            why ->
                problems.invalid(
                    path,
                    "The substituteFrom name "
                        + quote(name)
                        + " "
                        + why
                        + ". It must be the name of a ConfigMap or Secret (a DNS-1123 subdomain:"
                        + " lower-case letters, digits, '-' and '.')."));
  }
}
