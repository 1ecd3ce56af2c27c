package io.fluxrp.model.fluxconfig;

import static io.fluxrp.model.fluxconfig.PropertyPaths.PROPERTIES;

import io.fluxrp.model.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code sourceKind} selects one source block: that one must be present, the others empty. */
final class SourceSelectionRules {
  private final ValidationProblems problems;

  SourceSelectionRules(ValidationProblems problems) {
    this.problems = problems;
  }

  void check(FluxConfigurationProperties p, SourceKind kind) {
    Map<SourceKind, Object> blocks = new LinkedHashMap<>();
    blocks.put(SourceKind.GIT_REPOSITORY, p.gitRepository());
    blocks.put(SourceKind.BUCKET, p.bucket());
    blocks.put(SourceKind.AZURE_BLOB, p.azureBlob());
    blocks.put(SourceKind.OCI_REPOSITORY, p.ociRepository());
    for (Map.Entry<SourceKind, Object> block : blocks.entrySet()) {
      if (block.getKey() == kind) {
        if (block.getValue() == null) {
          reportMissingBlock(kind);
        }
      } else if (!isEmpty(block.getValue())) {
        reportExtraBlock(kind, block.getKey());
      }
    }
  }

  private void reportMissingBlock(SourceKind kind) {
    String name = blockName(kind);
    problems.missing(
        PROPERTIES.property(name),
        "sourceKind is '"
            + kind.wire()
            + "', so the source block 'properties."
            + name
            + "' is required, but the request has none.");
  }

  private void reportExtraBlock(SourceKind selected, SourceKind extra) {
    String name = blockName(extra);
    problems.invalid(
        PROPERTIES.property(name),
        "sourceKind is '"
            + selected.wire()
            + "', so only 'properties."
            + blockName(selected)
            + "' may be set, but 'properties."
            + name
            + "' is set as well. Remove it (send \""
            + name
            + "\": null) or set sourceKind to '"
            + extra.wire()
            + "'.");
  }

  private static String blockName(SourceKind kind) {
    return switch (kind) {
      case GIT_REPOSITORY -> "gitRepository";
      case BUCKET -> "bucket";
      case AZURE_BLOB -> "azureBlob";
      case OCI_REPOSITORY -> "ociRepository";
    };
  }

  private static boolean isEmpty(Object block) {
    return block == null || Json.mapper().valueToTree(block).isEmpty();
  }
}
