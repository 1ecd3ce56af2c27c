package io.fluxrp.agent.testing;

import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedSet;

/**
 * The keys of the stock CRUD store grouped by object name, each group in the order of the store (an
 * updated object moves to the end, as it does there). Not thread-safe.
 */
final class StoreIndex {

  /** The stock matching treats this value as matching any. */
  private static final String ANY = "*";

  private final Map<String, SequencedSet<AttributeSet>> byName = new HashMap<>();

  /** Whether {@code query} asks for one exact name, so that only keys of that name can match it. */
  static boolean hasExactName(AttributeSet query) {
    return exactName(query).isPresent();
  }

  void add(AttributeSet key) {
    exactName(key)
        .ifPresent(name -> byName.computeIfAbsent(name, n -> new LinkedHashSet<>()).add(key));
  }

  void remove(AttributeSet key) {
    exactName(key)
        .ifPresent(
            name -> {
              SequencedSet<AttributeSet> keys = byName.get(name);
              if (keys != null && keys.remove(key) && keys.isEmpty()) {
                byName.remove(name);
              }
            });
  }

  void clear() {
    byName.clear();
  }

  /** The keys named as {@code query} asks (see {@link #hasExactName}), in store order. */
  List<AttributeSet> named(AttributeSet query) {
    return exactName(query)
        .map(byName::get)
        .<List<AttributeSet>>map(List::copyOf)
        .orElse(List.of());
  }

  private static Optional<String> exactName(AttributeSet attributes) {
    Attribute name = attributes.getAttribute(KubernetesAttributesExtractor.NAME);
    if (name == null || name.getType() != AttributeType.WITH || name.getValues().size() != 1) {
      return Optional.empty();
    }
    String value = String.valueOf(name.getValues().get(0));
    return ANY.equals(value) ? Optional.empty() : Optional.of(value);
  }
}
