package io.fluxrp.agent.fluxobjects;

import io.fluxrp.model.fluxconfig.SshReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SSH public key blob (RFC 4253 §6.6) of a private key, from each format it can be read from
 * without computation: RSA keys carry their public exponent and modulus, OpenSSH files carry the
 * public key, SEC 1 EC keys may carry their public point. Malformed input throws {@link
 * IllegalArgumentException}.
 */
final class PublicKeyBlobs {
  private static final String OID_RSA = "2a864886f70d010101";
  private static final String OID_EC = "2a8648ce3d0201";
  private static final Map<String, String> SSH_CURVES =
      Map.of(
          "2a8648ce3d030107", "nistp256",
          "2b81040022", "nistp384",
          "2b81040023", "nistp521");
  private static final byte[] OPENSSH_MAGIC =
      "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);

  private PublicKeyBlobs() {}

  /** {@code ssh-rsa} blob of a public exponent and modulus. */
  static byte[] rsa(BigInteger publicExponent, BigInteger modulus) {
    return new SshWriter().string("ssh-rsa").mpint(publicExponent).mpint(modulus).toByteArray();
  }

  /** PKCS#1 {@code RSAPrivateKey}: version, modulus, public exponent, private parts. */
  static byte[] fromPkcs1(byte[] der) {
    List<Der> fields = Der.parse(der).expect(Der.SEQUENCE).children();
    return rsa(fields.get(2).integer(), fields.get(1).integer());
  }

  /** PKCS#8 {@code PrivateKeyInfo} of an RSA or EC key. */
  static Optional<byte[]> fromPkcs8(byte[] der) {
    List<Der> fields = Der.parse(der).expect(Der.SEQUENCE).children();
    List<Der> algorithm = fields.get(1).expect(Der.SEQUENCE).children();
    byte[] privateKey = fields.get(2).expect(Der.OCTET_STRING).content();
    return switch (hex(algorithm.get(0).expect(Der.OID))) {
      case OID_RSA -> Optional.of(fromPkcs1(privateKey));
      case OID_EC -> fromSec1(privateKey, Optional.of(hex(algorithm.get(1).expect(Der.OID))));
      default -> Optional.empty();
    };
  }

  /**
   * SEC 1 {@code ECPrivateKey}: version, private scalar, [0] curve, [1] public point. The curve may
   * instead come from the PKCS#8 wrapper. Empty without a public point or on a curve SSH does not
   * name.
   */
  static Optional<byte[]> fromSec1(byte[] der, Optional<String> outerCurve) {
    Optional<String> curve = outerCurve;
    byte[] point = null;
    for (Der field : Der.parse(der).expect(Der.SEQUENCE).children()) {
      if (field.tag() == Der.CONTEXT_0) {
        curve = Optional.of(hex(Der.parse(field.content()).expect(Der.OID)));
      } else if (field.tag() == Der.CONTEXT_1) {
        point = Der.parse(field.content()).bitString();
      }
    }
    Optional<String> sshCurve = curve.map(SSH_CURVES::get);
    if (point == null || sshCurve.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new SshWriter()
            .string("ecdsa-sha2-" + sshCurve.get())
            .string(sshCurve.get())
            .string(point)
            .toByteArray());
  }

  /**
   * The first public key of an {@code openssh-key-v1} file (which stores it unencrypted, also when
   * the private part is encrypted).
   */
  static byte[] fromOpenSsh(byte[] data) {
    if (data.length < OPENSSH_MAGIC.length
        || !Arrays.equals(Arrays.copyOf(data, OPENSSH_MAGIC.length), OPENSSH_MAGIC)) {
      throw new IllegalArgumentException("not an openssh-key-v1 file");
    }
    SshReader r = new SshReader(Arrays.copyOfRange(data, OPENSSH_MAGIC.length, data.length));
    r.string(); // cipher
    r.string(); // kdf name
    r.bytes(); // kdf options
    if (r.uint32() < 1) {
      throw new IllegalArgumentException("no keys");
    }
    byte[] blob = r.bytes();
    new SshReader(blob).string(); // the blob must at least name its type
    return blob;
  }

  private static String hex(Der oid) {
    return HexFormat.of().formatHex(oid.content());
  }
}
