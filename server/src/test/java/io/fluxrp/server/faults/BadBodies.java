package io.fluxrp.server.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxrp.server.testing.Bodies;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Request bodies that must be rejected whatever the target: each starts from a valid configuration
 * and breaks it in exactly one way (deep nesting, a huge string, a wrong type, invalid UTF-8, a
 * duplicate key, an unknown property, a wrong enum value, truncated JSON).
 */
final class BadBodies {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** A JSON pointer into the valid body and the kind of value the API expects there. */
  private record Field(String pointer, String type) {}

  private static final List<Field> FIELDS =
      List.of(
          new Field("/properties", "object"),
          new Field("/properties/namespace", "string"),
          new Field("/properties/scope", "string"),
          new Field("/properties/sourceKind", "string"),
          new Field("/properties/suspend", "boolean"),
          new Field("/properties/gitRepository", "object"),
          new Field("/properties/gitRepository/url", "string"),
          new Field("/properties/gitRepository/repositoryRef", "object"),
          new Field("/properties/gitRepository/repositoryRef/branch", "string"),
          new Field("/properties/gitRepository/syncIntervalInSeconds", "integer"),
          new Field("/properties/gitRepository/timeoutInSeconds", "integer"),
          new Field("/properties/kustomizations", "object"),
          new Field("/properties/kustomizations/infra", "object"),
          new Field("/properties/kustomizations/infra/path", "string"),
          new Field("/properties/kustomizations/infra/prune", "boolean"),
          new Field("/properties/kustomizations/infra/dependsOn", "array"),
          new Field("/properties/configurationProtectedSettings", "object"));

  private static final List<String> ENUM_FIELDS =
      List.of("/properties/scope", "/properties/sourceKind", "/properties/gitRepository/provider");
  private static final Set<String> ENUM_VALUES =
      Set.of(
          "cluster",
          "namespace",
          "gitrepository",
          "bucket",
          "azureblob",
          "ocirepository",
          "azure",
          "github",
          "generic");

  private BadBodies() {}

  /** A bad body with a label saying how it is bad. */
  record BadBody(String kind, byte[] bytes) {
    @Override
    public String toString() {
      String text = new String(bytes, StandardCharsets.ISO_8859_1);
      return kind + ": " + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
    }
  }

  static Arbitrary<BadBody> any() {
    return Arbitraries.oneOf(
        deepNesting(),
        hugeStrings(),
        wrongTypes(),
        invalidUtf8(),
        duplicateKeys(),
        unknownProperties(),
        wrongEnums(),
        truncated());
  }

  static ObjectNode valid() {
    return Bodies.parse(Bodies.git());
  }

  /** Arrays or objects nested 65 to 5,000 deep, at the top or inside a property. */
  static Arbitrary<BadBody> deepNesting() {
    return Combinators.combine(
            Arbitraries.integers().between(65, 5_000),
            Arbitraries.of("[", "{\"a\":"),
            Arbitraries.of(FIELDS))
        .as(
            (depth, open, field) -> {
              String close = open.equals("[") ? "]" : "}";
              String nested = open.repeat(depth) + "1" + close.repeat(depth);
              String body = withPlaceholder(field.pointer()).replace("\"@@\"", nested);
              return bad("deep nesting " + depth, body);
            });
  }

  /** Strings of 64 characters to 5 MB where at most 63 are allowed, or as unknown keys/values. */
  static Arbitrary<BadBody> hugeStrings() {
    return Combinators.combine(
            Arbitraries.frequencyOf(
                Tuple.of(20, Arbitraries.integers().between(64, 20_000)),
                Tuple.of(1, Arbitraries.integers().between(20_000, 5_000_000))),
            Arbitraries.of("/properties/namespace", "/properties/unknownHuge"),
            Arbitraries.chars().alpha())
        .as(
            (length, pointer, c) -> {
              ObjectNode body = valid();
              put(body, pointer, NODES.textNode(String.valueOf(c).repeat(length).toLowerCase()));
              return bad("huge string " + length + " at " + pointer, body.toString());
            });
  }

  /** A value of the wrong JSON type at one of the known fields. */
  static Arbitrary<BadBody> wrongTypes() {
    return Arbitraries.of(FIELDS)
        .flatMap(
            field ->
                Arbitraries.of(wrongValues(field.type()))
                    .map(
                        value -> {
                          ObjectNode body = valid();
                          put(body, field.pointer(), value);
                          return bad("wrong type at " + field.pointer(), body.toString());
                        }));
  }

  private static List<JsonNode> wrongValues(String type) {
    JsonNode array = NODES.arrayNode().add("a");
    JsonNode object = NODES.objectNode().put("a", 1);
    return switch (type) {
      case "string" -> List.of(NODES.numberNode(42), NODES.booleanNode(true), array, object);
      case "boolean" -> List.of(NODES.textNode("yes"), NODES.numberNode(2), array, object);
      case "integer" -> List.of(NODES.textNode("ten"), NODES.booleanNode(true), array, object);
      case "array" -> List.of(NODES.textNode("a"), NODES.numberNode(1), object);
      default -> List.of(NODES.textNode("x"), NODES.numberNode(1), NODES.booleanNode(false), array);
    };
  }

  /** A valid body with an invalid UTF-8 sequence inside a string value. */
  static Arbitrary<BadBody> invalidUtf8() {
    List<byte[]> sequences =
        List.of(
            new byte[] {(byte) 0xC3, 0x28},
            new byte[] {(byte) 0xFF},
            new byte[] {(byte) 0xFE, (byte) 0xFF},
            new byte[] {(byte) 0xC0, (byte) 0xAF},
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            new byte[] {(byte) 0xE2, (byte) 0x82},
            new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            new byte[] {(byte) 0x80});
    return Combinators.combine(
            Arbitraries.of(sequences), Arbitraries.of("apps", "main", "./infra", "fluxrp"))
        .as(
            (sequence, word) -> {
              byte[] text = Bodies.git().getBytes(StandardCharsets.UTF_8);
              String s = new String(text, StandardCharsets.ISO_8859_1);
              int at = s.indexOf(word) + word.length() / 2;
              byte[] out = new byte[text.length + sequence.length];
              System.arraycopy(text, 0, out, 0, at);
              System.arraycopy(sequence, 0, out, at, sequence.length);
              System.arraycopy(text, at, out, at + sequence.length, text.length - at);
              return new BadBody("invalid UTF-8 in " + word, out);
            });
  }

  /** A key repeated inside one object, at one of several levels. */
  static Arbitrary<BadBody> duplicateKeys() {
    return Arbitraries.of(
            "\"properties\": {", "\"gitRepository\": {", "\"infra\": {", "\"repositoryRef\": {")
        .flatMap(
            opening ->
                Arbitraries.of("\"namespace\"", "\"url\"", "\"path\"", "\"branch\"", "\"x\"")
                    .map(
                        key -> {
                          String dup = key + ": \"a\", " + key + ": \"b\", ";
                          return bad(
                              "duplicate " + key + " in " + opening,
                              Bodies.git().replace(opening, opening + dup));
                        }));
  }

  /** A property the API does not define, at one of the object levels. */
  static Arbitrary<BadBody> unknownProperties() {
    return Combinators.combine(
            Arbitraries.of(
                "", "/properties", "/properties/gitRepository", "/properties/kustomizations/infra"),
            Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(30),
            Arbitraries.of(NODES.textNode("v"), NODES.numberNode(1), NODES.objectNode()))
        .as(
            (parent, suffix, value) -> {
              ObjectNode body = valid();
              ObjectNode at = parent.isEmpty() ? body : (ObjectNode) body.at(parent);
              at.set("unknown" + suffix, value);
              return bad("unknown property under '" + parent + "'", body.toString());
            });
  }

  /** A value outside an enum's values (compared without case). */
  static Arbitrary<BadBody> wrongEnums() {
    return Combinators.combine(
            Arbitraries.of(ENUM_FIELDS),
            Arbitraries.strings()
                .withCharRange('a', 'z')
                .withChars("-_ ÄéŽ")
                .ofMinLength(0)
                .ofMaxLength(20)
                .filter(v -> !ENUM_VALUES.contains(v.toLowerCase(java.util.Locale.ROOT))))
        .as(
            (pointer, value) -> {
              ObjectNode body = valid();
              put(body, pointer, NODES.textNode(value));
              return bad("enum " + pointer + "=" + value, body.toString());
            });
  }

  /** A valid body cut short anywhere. */
  static Arbitrary<BadBody> truncated() {
    String text = Bodies.git().strip();
    return Arbitraries.integers()
        .between(0, text.length() - 1)
        .map(at -> bad("truncated at " + at, text.substring(0, at)));
  }

  private static BadBody bad(String kind, String body) {
    return new BadBody(kind, body.getBytes(StandardCharsets.UTF_8));
  }

  private static String withPlaceholder(String pointer) {
    ObjectNode body = valid();
    put(body, pointer, NODES.textNode("@@"));
    return body.toString();
  }

  /** Sets the value at {@code pointer}, creating the last key when missing. */
  private static void put(ObjectNode body, String pointer, JsonNode value) {
    int slash = pointer.lastIndexOf('/');
    String parent = pointer.substring(0, slash);
    ObjectNode at = parent.isEmpty() ? body : (ObjectNode) body.at(parent);
    at.set(pointer.substring(slash + 1), value);
  }
}
