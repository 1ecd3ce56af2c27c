package io.fluxrp.agent.status;

import java.util.Objects;
import java.util.Optional;

/**
 * Reference to a Flux object a Kustomization applied (from its {@code status.inventory}) or a
 * HelmChart named by a HelmRelease.
 *
 * @param group API group without version ({@code ""} for the core group)
 * @param namespace {@code ""} for cluster-scoped objects
 */
public record ChildRef(String group, String kind, String namespace, String name) {

  private static final char SEPARATOR = '_';
  // kustomize-controller (cli-utils' object metadata) writes the ':' of RBAC names as "__"
  private static final String TRANSCODED_COLON = "__";

  public ChildRef {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
  }

  /**
   * Parses kustomize-controller inventory ids {@code <namespace>_<name>_<group>_<Kind>}. Namespace
   * and group may be empty. Namespaces, groups and kinds never contain {@code _}, so the namespace
   * ends at the first separator and kind and group start after the last two; a name keeps no single
   * {@code _} (Kubernetes forbids it), only the {@code __} standing for a colon.
   */
  public static Optional<ChildRef> fromInventoryId(String id) {
    if (id == null) {
      return Optional.empty();
    }
    int namespaceEnd = id.indexOf(SEPARATOR);
    int kindStart = id.lastIndexOf(SEPARATOR) + 1;
    if (namespaceEnd < 0 || kindStart <= namespaceEnd + 1) {
      return Optional.empty();
    }
    int groupStart = id.lastIndexOf(SEPARATOR, kindStart - 2) + 1;
    if (groupStart <= namespaceEnd + 1) {
      return Optional.empty();
    }
    String rawName = id.substring(namespaceEnd + 1, groupStart - 1);
    String name = rawName.replace(TRANSCODED_COLON, ":");
    String kind = id.substring(kindStart);
    if (name.isEmpty() || kind.isEmpty() || name.indexOf(SEPARATOR) >= 0) {
      return Optional.empty();
    }
    return Optional.of(
        new ChildRef(
            id.substring(groupStart, kindStart - 1), kind, id.substring(0, namespaceEnd), name));
  }
}
