package io.fluxrp.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * What a PUT body's {@code properties} look like once the server filled the spec's defaults
 * (reference/spec-facts.md §4), written independently of the server's schema table: the expectation
 * for a PUT response body. Bucket {@code insecure} follows the URL scheme (fluxrp's documented
 * choice, FluxSchema.BUCKET) instead of the spec's default {@code true}.
 */
public final class SpecDefaults {
  private SpecDefaults() {}

  public static ObjectNode apply(ObjectNode requestProperties) {
    ObjectNode p = requestProperties.deepCopy();
    def(p, "scope", "cluster");
    def(p, "namespace", "default");
    def(p, "sourceKind", "GitRepository");
    def(p, "suspend", false);
    if (p.get("gitRepository") instanceof ObjectNode git) {
      intervals(git);
    }
    if (p.get("bucket") instanceof ObjectNode bucket) {
      intervals(bucket);
      def(
          bucket,
          "insecure",
          bucket.path("url").asText().toLowerCase(Locale.ROOT).startsWith("http://"));
    }
    if (p.get("azureBlob") instanceof ObjectNode blob) {
      intervals(blob);
      if (blob.get("servicePrincipal") instanceof ObjectNode sp) {
        def(sp, "clientCertificateSendChain", false);
      }
    }
    if (p.get("ociRepository") instanceof ObjectNode oci) {
      intervals(oci);
      def(oci, "insecure", false);
      def(oci, "useWorkloadIdentity", false);
    }
    if (p.get("kustomizations") instanceof ObjectNode kustomizations) {
      kustomizations
          .properties()
          .forEach(
              entry -> {
                ObjectNode k = (ObjectNode) entry.getValue();
                ObjectNode named = k.objectNode();
                named.put("name", entry.getKey());
                named.setAll(k);
                def(named, "path", "");
                intervals(named);
                def(named, "prune", false);
                def(named, "force", false);
                def(named, "wait", true);
                if (named.path("postBuild").get("substituteFrom") instanceof JsonNode from) {
                  from.forEach(item -> def((ObjectNode) item, "optional", false));
                }
                entry.setValue(named);
              });
    }
    return p;
  }

  /** The response {@code properties} without the read-only status fields. */
  public static ObjectNode desiredPart(JsonNode responseProperties) {
    ObjectNode p = ((ObjectNode) responseProperties).deepCopy();
    p.remove(
        java.util.List.of(
            "statuses",
            "repositoryPublicKey",
            "sourceSyncedCommitId",
            "sourceUpdatedAt",
            "statusUpdatedAt",
            "complianceState",
            "provisioningState",
            "errorMessage"));
    return p;
  }

  private static void intervals(ObjectNode node) {
    def(node, "timeoutInSeconds", 600);
    def(node, "syncIntervalInSeconds", 600);
  }

  private static void def(ObjectNode node, String name, String value) {
    if (!node.has(name) || node.get(name).isNull()) {
      node.put(name, value);
    }
  }

  private static void def(ObjectNode node, String name, boolean value) {
    if (!node.has(name) || node.get(name).isNull()) {
      node.put(name, value);
    }
  }

  private static void def(ObjectNode node, String name, int value) {
    if (!node.has(name) || node.get(name).isNull()) {
      node.put(name, value);
    }
  }
}
