package io.fluxrp.agent.fluxobjects;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The CEL rules ({@code x-kubernetes-validations}) of the Flux CRDs that can bite a generator
 * (flux-mapping §1.1), written out by hand: CrdSchemas does not evaluate CEL.
 */
final class FluxCelRules {
  private FluxCelRules() {}

  static List<String> problems(JsonNode object) {
    JsonNode spec = object.path("spec");
    List<String> problems = new ArrayList<>();
    switch (object.path("kind").asText()) {
      case "GitRepository" -> {
        if (spec.has("serviceAccountName") && !"azure".equals(spec.path("provider").asText())) {
          problems.add("GitRepository: serviceAccountName can only be set when provider is azure");
        }
      }
      case "Bucket" -> bucket(spec, problems);
      case "Kustomization" -> {
        JsonNode kubeConfig = spec.path("kubeConfig");
        if (kubeConfig.isObject()
            && kubeConfig.has("configMapRef") == kubeConfig.has("secretRef")) {
          problems.add("Kustomization: exactly one of kubeConfig.configMapRef or secretRef");
        }
      }
      default -> {}
    }
    return problems;
  }

  private static void bucket(JsonNode spec, List<String> problems) {
    String provider = spec.path("provider").asText("generic");
    boolean sts = spec.has("sts");
    if (sts && !provider.equals("aws") && !provider.equals("generic")) {
      problems.add("Bucket: sts only for the aws and generic providers");
    }
    String stsProvider = spec.path("sts").path("provider").asText();
    if (sts && provider.equals("aws") && !stsProvider.equals("aws")) {
      problems.add("Bucket: aws is the only STS provider for the aws provider");
    }
    if (sts && provider.equals("generic") && !stsProvider.equals("ldap")) {
      problems.add("Bucket: ldap is the only STS provider for the generic provider");
    }
    if (provider.equals("generic") && spec.has("serviceAccountName")) {
      problems.add("Bucket: serviceAccountName is not supported for the generic provider");
    }
    if (spec.has("secretRef") && spec.has("serviceAccountName")) {
      problems.add("Bucket: secretRef and serviceAccountName are mutually exclusive");
    }
  }
}
