package io.fluxrp.model.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Separates the write-only values ({@code configurationProtectedSettings} and every {@code
 * x-ms-secret} property) from the rest of a configuration, so they can be stored apart (and
 * encrypted) and can never reach a response by accident.
 */
public final class Secrets {
  private Secrets() {}

  /** The two halves of a configuration's {@code properties}. */
  public record Split(ObjectNode open, ObjectNode secret) {}

  public static Split split(ObjectNode properties) {
    ObjectNode open = properties.deepCopy();
    ObjectNode secret = properties.objectNode();
    move(FluxSchema.PROPERTIES, open, secret);
    return new Split(open, secret);
  }

  /** Puts the secret half back into a copy of the open half. */
  public static ObjectNode join(ObjectNode open, ObjectNode secret) {
    ObjectNode joined = open.deepCopy();
    if (secret != null) {
      deepMerge(joined, secret);
    }
    return joined;
  }

  private static void move(ObjectType type, ObjectNode open, ObjectNode secret) {
    for (Field field : type.fields()) {
      JsonNode value = open.get(field.name());
      if (value == null) {
        continue;
      }
      if (field.secret()) {
        secret.set(field.name(), open.remove(field.name()));
      } else if (field.type() instanceof ObjectType nested && value instanceof ObjectNode object) {
        ObjectNode nestedSecret = secret.objectNode();
        move(nested, object, nestedSecret);
        if (!nestedSecret.isEmpty()) {
          secret.set(field.name(), nestedSecret);
        }
      }
    }
  }

  private static void deepMerge(ObjectNode target, ObjectNode source) {
    source
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getValue() instanceof ObjectNode nested
                  && target.get(e.getKey()) instanceof ObjectNode existing) {
                deepMerge(existing, nested);
              } else {
                target.set(e.getKey(), e.getValue().deepCopy());
              }
            });
  }
}
