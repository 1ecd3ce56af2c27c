package io.fluxrp.model.fluxconfig;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the SSH material users hand to a Git source: {@code known_hosts} text and private keys.
 * Each check returns what is wrong (never a byte of the key) or nothing when the input is usable.
 */
final class SshMaterial {
  private SshMaterial() {}

  // ---- known_hosts ------------------------------------------------------------------------------

  private static final Set<String> MARKERS = Set.of("@cert-authority", "@revoked");
  private static final Pattern HASHED_HOST = Pattern.compile("^\\|1\\|([^|]+)\\|([^|]+)$");
  private static final Pattern WHITESPACE = Pattern.compile("[ \t]+");
  private static final int MAX_REPORTED_LINES = 5;

  /**
   * Problems of a decoded known_hosts file: it must be UTF-8 text and every line that is neither
   * empty nor a comment must be {@code [marker] hosts keytype base64-key [comment]}, with a key
   * blob that decodes and names the same key type.
   */
  static Optional<String> knownHostsProblem(byte[] decoded) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(decoded))
              .toString();
    } catch (CharacterCodingException e) {
      return Optional.of("decodes to binary data, not known_hosts text");
    }
    List<String> lineProblems = new ArrayList<>();
    int entries = 0;
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Optional<String> problem = knownHostsLineProblem(line);
      if (problem.isPresent()) {
        lineProblems.add("line " + (i + 1) + " " + problem.get());
      } else {
        entries++;
      }
    }
    if (!lineProblems.isEmpty()) {
      int shown = Math.min(lineProblems.size(), MAX_REPORTED_LINES);
      String more =
          lineProblems.size() > shown
              ? " (and " + (lineProblems.size() - shown) + " more lines)"
              : "";
      return Optional.of(
          "has lines that are not known_hosts entries ('[@cert-authority|@revoked] hosts key-type"
              + " base64-key'): "
              + String.join("; ", lineProblems.subList(0, shown))
              + more);
    }
    if (entries == 0) {
      return Optional.of("contains no host key entries");
    }
    return Optional.empty();
  }

  private static Optional<String> knownHostsLineProblem(String line) {
    String[] tokens = WHITESPACE.split(line);
    int at = 0;
    if (tokens[0].startsWith("@")) {
      if (!MARKERS.contains(tokens[0])) {
        return Optional.of(
            "starts with an unknown marker; only @cert-authority and @revoked are allowed");
      }
      at = 1;
    }
    if (tokens.length < at + 3) {
      return Optional.of("has fewer than three fields (hosts, key type, key)");
    }
    Optional<String> hosts = hostsProblem(tokens[at]);
    if (hosts.isPresent()) {
      return hosts;
    }
    String keyType = tokens[at + 1];
    byte[] blob;
    try {
      blob = java.util.Base64.getDecoder().decode(tokens[at + 2]);
    } catch (IllegalArgumentException e) {
      return Optional.of("has a key that is not valid base64");
    }
    String blobType;
    try {
      blobType = new SshReader(blob).string();
    } catch (IllegalArgumentException e) {
      return Optional.of("has a key that is not an SSH public key blob");
    }
    if (!blobType.equals(keyType)) {
      return Optional.of(
          "has key type '"
              + shorten(keyType)
              + "' but the key is of type '"
              + shorten(blobType)
              + "'");
    }
    return Optional.empty();
  }

  private static Optional<String> hostsProblem(String hosts) {
    if (hosts.startsWith("|")) {
      Matcher m = HASHED_HOST.matcher(hosts);
      if (!m.matches()) {
        return Optional.of("has a hashed host that is not of the form |1|salt|hash");
      }
      try {
        byte[] salt = java.util.Base64.getDecoder().decode(m.group(1));
        byte[] hash = java.util.Base64.getDecoder().decode(m.group(2));
        if (salt.length != 20 || hash.length != 20) {
          return Optional.of("has a hashed host whose salt or hash is not 20 bytes (HMAC-SHA1)");
        }
      } catch (IllegalArgumentException e) {
        return Optional.of("has a hashed host whose salt or hash is not valid base64");
      }
      return Optional.empty();
    }
    for (String pattern : hosts.split(",", -1)) {
      if (pattern.isEmpty() || pattern.equals("!")) {
        return Optional.of("has an empty host pattern");
      }
    }
    return Optional.empty();
  }

  // ---- private keys -----------------------------------------------------------------------------

  private static final Pattern PEM_BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----");
  private static final byte[] OPENSSH_MAGIC =
      "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);
  private static final String ACCEPTED =
      "Accepted are unencrypted PEM keys: OPENSSH PRIVATE KEY (ssh-keygen's default), RSA PRIVATE"
          + " KEY, EC PRIVATE KEY and PRIVATE KEY (PKCS#8)";
  private static final String REMOVE_PASSPHRASE =
      "; remove the passphrase first (`ssh-keygen -p -N \"\" -f <key-file>` changes the file in"
          + " place)";

  // DER object identifiers (content bytes) of the PKCS#8 key algorithms
  private static final String OID_RSA = "2a864886f70d010101";
  private static final String OID_EC = "2a8648ce3d0201";
  private static final String OID_ED25519 = "2b6570";
  private static final String OID_ED448 = "2b6571";
  private static final String OID_DSA = "2a8648ce380401";

  /**
   * Problems of a decoded private key: it must be one PEM block of a supported type, unencrypted,
   * and its content must parse.
   */
  static Optional<String> privateKeyProblem(byte[] decoded) {
    String text = new String(decoded, StandardCharsets.ISO_8859_1);
    if (text.startsWith("PuTTY-User-Key-File")) {
      return Optional.of(
          "is a PuTTY key; convert it with `puttygen key.ppk -O private-openssh -o key`. "
              + ACCEPTED);
    }
    Matcher begin = PEM_BEGIN.matcher(text);
    if (!begin.find()) {
      return Optional.of("does not contain a PEM private key (-----BEGIN ... -----). " + ACCEPTED);
    }
    String type = begin.group(1);
    String endMarker = "-----END " + type + "-----";
    int end = text.indexOf(endMarker, begin.end());
    if (end < 0) {
      return Optional.of("has no '" + endMarker + "' line; the key looks truncated");
    }
    String body = text.substring(begin.end(), end);
    boolean encryptedPem = body.contains("Proc-Type:") && body.contains("ENCRYPTED");
    byte[] der;
    try {
      der = pemBody(body);
    } catch (IllegalArgumentException e) {
      return Optional.of("has a PEM body that is not valid base64");
    }
    return switch (type) {
      case "OPENSSH PRIVATE KEY" -> openSshProblem(der);
      case "RSA PRIVATE KEY" ->
          encryptedPem
              ? Optional.of(
                  "is encrypted with a passphrase, which is not supported" + REMOVE_PASSPHRASE)
              : pkcs8Problem(wrapPkcs1(der), "an RSA (PKCS#1)");
      case "EC PRIVATE KEY" -> {
        if (encryptedPem) {
          yield Optional.of(
              "is encrypted with a passphrase, which is not supported" + REMOVE_PASSPHRASE);
        }
        try {
          yield pkcs8Problem(wrapSec1(der), "an EC (SEC 1)");
        } catch (IllegalArgumentException e) {
          yield Optional.of("is not a valid EC private key: " + e.getMessage());
        }
      }
      case "PRIVATE KEY" -> pkcs8Problem(der, "a PKCS#8");
      case "ENCRYPTED PRIVATE KEY" ->
          Optional.of(
              "is an encrypted PKCS#8 key, which is not supported; decrypt it first (`openssl pkcs8"
                  + " -in key -out plain-key`)");
      case "DSA PRIVATE KEY" ->
          Optional.of(
              "is a DSA key; Git hosts no longer accept DSA keys. Use an Ed25519, ECDSA or RSA key");
      default ->
          Optional.of("is a PEM block of type '" + type + "', not a private key. " + ACCEPTED);
    };
  }

  private static byte[] pemBody(String body) {
    StringBuilder base64 = new StringBuilder();
    for (String line : body.split("\r?\n")) {
      String l = line.strip();
      if (!l.contains(":")) {
        base64.append(l);
      }
    }
    return java.util.Base64.getDecoder().decode(base64.toString());
  }

  private static Optional<String> openSshProblem(byte[] data) {
    if (data.length < OPENSSH_MAGIC.length
        || !Arrays.equals(Arrays.copyOf(data, OPENSSH_MAGIC.length), OPENSSH_MAGIC)) {
      return Optional.of("is marked OPENSSH PRIVATE KEY but does not start with 'openssh-key-v1'");
    }
    try {
      SshReader r = new SshReader(Arrays.copyOfRange(data, OPENSSH_MAGIC.length, data.length));
      String cipher = r.string();
      r.string(); // kdf name
      r.bytes(); // kdf options
      long keys = r.uint32();
      if (!cipher.equals("none")) {
        return Optional.of(
            "is encrypted with a passphrase (cipher "
                + shorten(cipher)
                + "), which is not supported"
                + REMOVE_PASSPHRASE);
      }
      if (keys < 1 || keys > 16) {
        return Optional.of("declares " + keys + " keys; exactly one is expected");
      }
      List<String> publicTypes = new ArrayList<>();
      for (long i = 0; i < keys; i++) {
        publicTypes.add(new SshReader(r.bytes()).string());
      }
      SshReader secret = new SshReader(r.bytes());
      long check1 = secret.uint32();
      long check2 = secret.uint32();
      if (check1 != check2) {
        return Optional.of("is corrupted (its check values differ)");
      }
      String type = secret.string();
      if (!type.equals(publicTypes.get(0))) {
        return Optional.of("is corrupted (its public and private parts disagree on the key type)");
      }
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of("is not a valid OpenSSH private key (truncated or corrupted)");
    }
  }

  private static Optional<String> pkcs8Problem(byte[] pkcs8, String what) {
    String algorithm;
    try {
      algorithm = pkcs8Algorithm(pkcs8);
    } catch (IllegalArgumentException e) {
      return Optional.of("is not " + what + " private key (its DER structure does not parse)");
    }
    if (algorithm == null) {
      return Optional.of(
          "uses a key algorithm that SSH does not support; use an Ed25519, ECDSA or RSA key");
    }
    if (algorithm.equals("DSA")) {
      return Optional.of(
          "is a DSA key; Git hosts no longer accept DSA keys. Use an Ed25519, ECDSA or RSA key");
    }
    try {
      KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      return Optional.empty();
    } catch (GeneralSecurityException | RuntimeException e) {
      return Optional.of("is not " + what + " " + algorithm + " private key that can be read");
    }
  }

  /** The KeyFactory algorithm of a PKCS#8 PrivateKeyInfo, or null when SSH cannot use it. */
  private static String pkcs8Algorithm(byte[] pkcs8) {
    Der info = Der.read(pkcs8, 0).expect(0x30);
    Der version = Der.read(pkcs8, info.contentStart).expect(0x02);
    Der algorithmId = Der.read(pkcs8, version.end()).expect(0x30);
    Der oid = Der.read(pkcs8, algorithmId.contentStart).expect(0x06);
    return switch (HexFormat.of().formatHex(pkcs8, oid.contentStart, oid.end())) {
      case OID_RSA -> "RSA";
      case OID_EC -> "EC";
      case OID_ED25519 -> "Ed25519";
      case OID_ED448 -> "Ed448";
      case OID_DSA -> "DSA";
      default -> null;
    };
  }

  /** PKCS#1 RSAPrivateKey → PKCS#8 PrivateKeyInfo. */
  private static byte[] wrapPkcs1(byte[] pkcs1) {
    byte[] algorithm =
        Der.tlv(
            0x30, concat(Der.tlv(0x06, HexFormat.of().parseHex(OID_RSA)), new byte[] {0x05, 0x00}));
    return Der.tlv(0x30, concat(new byte[] {0x02, 0x01, 0x00}, algorithm, Der.tlv(0x04, pkcs1)));
  }

  /** SEC 1 ECPrivateKey (with its named curve) → PKCS#8 PrivateKeyInfo. */
  private static byte[] wrapSec1(byte[] sec1) {
    Der key = Der.read(sec1, 0).expect(0x30);
    int at = key.contentStart;
    byte[] curve = null;
    while (at < key.end()) {
      Der element = Der.read(sec1, at);
      if (element.tag == 0xA0) {
        Der oid = Der.read(sec1, element.contentStart).expect(0x06);
        curve = Arrays.copyOfRange(sec1, oid.start, oid.end());
      }
      at = element.end();
    }
    if (curve == null) {
      throw new IllegalArgumentException("it does not name its curve");
    }
    byte[] algorithm = Der.tlv(0x30, concat(Der.tlv(0x06, HexFormat.of().parseHex(OID_EC)), curve));
    return Der.tlv(0x30, concat(new byte[] {0x02, 0x01, 0x00}, algorithm, Der.tlv(0x04, sec1)));
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static String shorten(String s) {
    String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
    return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
  }

  /** One DER element: tag, where it starts, where its content starts and how long that is. */
  private record Der(int tag, int start, int contentStart, int length) {
    int end() {
      return contentStart + length;
    }

    Der expect(int expectedTag) {
      if (tag != expectedTag) {
        throw new IllegalArgumentException("unexpected DER tag");
      }
      return this;
    }

    static Der read(byte[] data, int at) {
      if (at + 2 > data.length) {
        throw new IllegalArgumentException("truncated DER");
      }
      int tag = data[at] & 0xff;
      int first = data[at + 1] & 0xff;
      int length;
      int contentStart;
      if (first < 0x80) {
        length = first;
        contentStart = at + 2;
      } else {
        int count = first & 0x7f;
        if (count == 0 || count > 3 || at + 2 + count > data.length) {
          throw new IllegalArgumentException("bad DER length");
        }
        length = 0;
        for (int i = 0; i < count; i++) {
          length = (length << 8) | (data[at + 2 + i] & 0xff);
        }
        contentStart = at + 2 + count;
      }
      if (contentStart + length > data.length) {
        throw new IllegalArgumentException("truncated DER");
      }
      return new Der(tag, at, contentStart, length);
    }

    static byte[] tlv(int tag, byte[] content) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(tag);
      int n = content.length;
      if (n < 0x80) {
        out.write(n);
      } else if (n < 0x100) {
        out.write(0x81);
        out.write(n);
      } else if (n < 0x10000) {
        out.write(0x82);
        out.write(n >> 8);
        out.write(n);
      } else {
        out.write(0x83);
        out.write(n >> 16);
        out.write(n >> 8);
        out.write(n);
      }
      out.writeBytes(content);
      return out.toByteArray();
    }
  }

  /** Reads the SSH wire encoding (RFC 4251 §5): uint32 and length-prefixed strings. */
  static final class SshReader {
    private final byte[] data;
    private int at;

    SshReader(byte[] data) {
      this.data = data;
    }

    long uint32() {
      if (at + 4 > data.length) {
        throw new IllegalArgumentException("truncated");
      }
      long value =
          ((long) (data[at] & 0xff) << 24)
              | ((data[at + 1] & 0xff) << 16)
              | ((data[at + 2] & 0xff) << 8)
              | (data[at + 3] & 0xff);
      at += 4;
      return value;
    }

    byte[] bytes() {
      long length = uint32();
      if (length > data.length - at) {
        throw new IllegalArgumentException("truncated");
      }
      byte[] value = Arrays.copyOfRange(data, at, at + (int) length);
      at += (int) length;
      return value;
    }

    String string() {
      return new String(bytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
