package io.fluxrp.model.fluxconfig;

import static io.fluxrp.model.fluxconfig.MessageText.sshName;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the SSH private keys users hand to a Git source. The check returns what is wrong (never a
 * byte of the key) or nothing when the key is usable.
 */
final class SshPrivateKeys {
  static final String DSA_REFUSED =
      "is a DSA key; Git hosts no longer accept DSA keys. Use an Ed25519, ECDSA or RSA key";

  private static final Pattern PEM_BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----");
  private static final byte[] OPENSSH_MAGIC =
      "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);
  private static final String ACCEPTED =
      "Accepted are unencrypted PEM keys: OPENSSH PRIVATE KEY (ssh-keygen's default), RSA PRIVATE"
          + " KEY, EC PRIVATE KEY and PRIVATE KEY (PKCS#8)";
  private static final String REMOVE_PASSPHRASE =
      "; remove the passphrase first (`ssh-keygen -p -N \"\" -f <key-file>` changes the file in"
          + " place)";
  private static final String ENCRYPTED_PEM =
      "is encrypted with a passphrase, which is not supported" + REMOVE_PASSPHRASE;

  private SshPrivateKeys() {}

  /**
   * Problems of a decoded private key: it must be one PEM block of a supported type, unencrypted,
   * and its content must parse.
   */
  static Optional<String> problem(byte[] decoded) {
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
    return pemProblem(type, der, encryptedPem);
  }

  /** Problems of the content {@code der} of a PEM block of {@code type}. */
  private static Optional<String> pemProblem(String type, byte[] der, boolean encryptedPem) {
    return switch (type) {
      case "OPENSSH PRIVATE KEY" -> openSshProblem(der);
      case "RSA PRIVATE KEY" ->
          encryptedPem
              ? Optional.of(ENCRYPTED_PEM)
              : Pkcs8Keys.problem(Pkcs8Keys.fromPkcs1(der), "an RSA (PKCS#1)");
      case "EC PRIVATE KEY" -> encryptedPem ? Optional.of(ENCRYPTED_PEM) : sec1Problem(der);
      case "PRIVATE KEY" -> Pkcs8Keys.problem(der, "a PKCS#8");
      case "ENCRYPTED PRIVATE KEY" ->
          Optional.of(
              "is an encrypted PKCS#8 key, which is not supported; decrypt it first (`openssl pkcs8"
                  + " -in key -out plain-key`)");
      case "DSA PRIVATE KEY" -> Optional.of(DSA_REFUSED);
      default ->
          Optional.of("is a PEM block of type '" + type + "', not a private key. " + ACCEPTED);
    };
  }

  private static Optional<String> sec1Problem(byte[] der) {
    try {
      return Pkcs8Keys.problem(Pkcs8Keys.fromSec1(der), "an EC (SEC 1)");
    } catch (IllegalArgumentException e) {
      return Optional.of("is not a valid EC private key: " + e.getMessage());
    }
  }

  private static byte[] pemBody(String body) {
    StringBuilder base64 = new StringBuilder();
    for (String line : body.split("\r?\n")) {
      String l = line.strip();
      if (!l.contains(":")) {
        base64.append(l);
      }
    }
    return Base64.getDecoder().decode(base64.toString());
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
                + sshName(cipher)
                + "), which is not supported"
                + REMOVE_PASSPHRASE);
      }
      if (keys < 1 || keys > 16) {
        return Optional.of("declares " + keys + " keys; exactly one is expected");
      }
      return openSshKeysProblem(r, keys);
    } catch (IllegalArgumentException e) {
      return Optional.of("is not a valid OpenSSH private key (truncated or corrupted)");
    }
  }

  /** The public keys and the private section that follow the header of an OpenSSH key. */
  private static Optional<String> openSshKeysProblem(SshReader r, long keys) {
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
  }
}
