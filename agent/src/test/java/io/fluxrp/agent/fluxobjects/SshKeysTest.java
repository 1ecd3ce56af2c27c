package io.fluxrp.agent.fluxobjects;

import static io.fluxrp.agent.fluxobjects.TestKeys.concat;
import static io.fluxrp.agent.fluxobjects.TestKeys.pem;
import static io.fluxrp.agent.fluxobjects.TestKeys.sshString;
import static io.fluxrp.agent.fluxobjects.TestKeys.tlv;
import static io.fluxrp.agent.fluxobjects.TestKeys.uint32;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SshKeysTest {
  private static final byte[] OID_P256 = HexFormat.of().parseHex("06082a8648ce3d030107");
  private static final byte[] OID_EC_PUBLIC_KEY = HexFormat.of().parseHex("06072a8648ce3d0201");

  @Test
  void aGeneratedKeyIsRsa3072InPkcs8PemThatTheJdkReadsBack() throws Exception {
    SshIdentity identity = SshKeys.generate();

    assertThat(identity.privateKeyPem())
        .startsWith("-----BEGIN PRIVATE KEY-----\n")
        .endsWith("\n-----END PRIVATE KEY-----\n");
    RSAPrivateCrtKey key = readPkcs8(identity.privateKeyPem());
    assertThat(key.getModulus().bitLength()).isGreaterThanOrEqualTo(3072);
    assertThat(identity.publicKey()).startsWith("ssh-rsa ").doesNotContain("\n");
    assertThat(identity.privateKeyPem().lines().filter(l -> !l.startsWith("-----")))
        .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(64));
  }

  @Test
  void theGeneratedPublicLineBelongsToThePrivateKey() throws Exception {
    SshIdentity identity = SshKeys.generate();
    RSAPrivateCrtKey key = readPkcs8(identity.privateKeyPem());
    byte[] message = "fluxrp".getBytes(StandardCharsets.UTF_8);

    Signature signer = Signature.getInstance("SHA256withRSA");
    signer.initSign(key);
    signer.update(message);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("SHA256withRSA");
    verifier.initVerify(rsaFromPublicLine(identity.publicKey()));
    verifier.update(message);

    assertThat(verifier.verify(signature)).isTrue();
    assertThat(SshKeys.publicKeyOf(identity.privateKeyPem())).contains(identity.publicKey());
  }

  @Test
  void everyGeneratedKeyIsNew() {
    assertThat(SshKeys.generate().publicKey()).isNotEqualTo(SshKeys.generate().publicKey());
  }

  @Test
  void publicKeyOfPkcs1AndPkcs8RsaKeys() {
    String expected = TestKeys.sshRsaLine(TestKeys.RSA);

    assertThat(SshKeys.publicKeyOf(TestKeys.pkcs1Pem(TestKeys.RSA))).contains(expected);
    assertThat(SshKeys.publicKeyOf(TestKeys.pkcs8Pem(TestKeys.RSA))).contains(expected);
  }

  @Test
  void publicKeyOfAnRsaKeyWithCrLfLinesAndSurroundingText() {
    String pem = TestKeys.pkcs1Pem(TestKeys.RSA).replace("\n", "\r\n");

    assertThat(SshKeys.publicKeyOf("key for prod:\r\n" + pem + "\r\n"))
        .contains(TestKeys.sshRsaLine(TestKeys.RSA));
  }

  @Test
  void publicKeyOfAnOpenSshFormatRsaKey() {
    RSAPrivateCrtKey k = (RSAPrivateCrtKey) TestKeys.RSA.getPrivate();
    byte[] publicBlob =
        concat(
            sshString(ascii("ssh-rsa")),
            sshString(k.getPublicExponent().toByteArray()),
            sshString(k.getModulus().toByteArray()));
    byte[] privatePart =
        concat(
            sshString(ascii("ssh-rsa")),
            sshString(k.getModulus().toByteArray()),
            sshString(k.getPublicExponent().toByteArray()),
            sshString(k.getPrivateExponent().toByteArray()),
            sshString(k.getCrtCoefficient().toByteArray()),
            sshString(k.getPrimeP().toByteArray()),
            sshString(k.getPrimeQ().toByteArray()));

    String pem = openSshPem("none", publicBlob, privatePart);

    assertThat(SshKeys.publicKeyOf(pem)).contains(TestKeys.sshRsaLine(TestKeys.RSA));
  }

  @Test
  void publicKeyOfAnOpenSshFormatEd25519Key() throws Exception {
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    byte[] encoded = pair.getPublic().getEncoded();
    byte[] raw = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    byte[] publicBlob = concat(sshString(ascii("ssh-ed25519")), sshString(raw));
    byte[] privatePart =
        concat(sshString(ascii("ssh-ed25519")), sshString(raw), sshString(new byte[64]));

    String pem = openSshPem("none", publicBlob, privatePart);

    assertThat(SshKeys.publicKeyOf(pem))
        .contains("ssh-ed25519 " + Base64.getEncoder().encodeToString(publicBlob));
  }

  @Test
  void anEncryptedOpenSshKeyStillShowsItsPublicKey() {
    byte[] publicBlob = concat(sshString(ascii("ssh-ed25519")), sshString(new byte[32]));

    String pem = openSshPem("aes256-ctr", publicBlob, new byte[48]);

    assertThat(SshKeys.publicKeyOf(pem))
        .contains("ssh-ed25519 " + Base64.getEncoder().encodeToString(publicBlob));
  }

  @Test
  void publicKeyOfAnEcKeyWithItsPublicPoint() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    byte[] point = uncompressedPoint((ECPublicKey) pair.getPublic());
    byte[] sec1 = sec1((ECPrivateKey) pair.getPrivate(), true, point);
    String expected =
        "ecdsa-sha2-nistp256 "
            + Base64.getEncoder()
                .encodeToString(
                    concat(
                        sshString(ascii("ecdsa-sha2-nistp256")),
                        sshString(ascii("nistp256")),
                        sshString(point)));

    assertThat(SshKeys.publicKeyOf(pem("EC PRIVATE KEY", sec1))).contains(expected);
    // the same key wrapped in PKCS#8, which names the curve outside the SEC 1 structure
    byte[] withoutCurve = sec1((ECPrivateKey) pair.getPrivate(), false, point);
    byte[] pkcs8 =
        tlv(
            0x30,
            concat(
                tlv(0x02, new byte[] {0}),
                tlv(0x30, concat(OID_EC_PUBLIC_KEY, OID_P256)),
                tlv(0x04, withoutCurve)));
    assertThat(SshKeys.publicKeyOf(pem("PRIVATE KEY", pkcs8))).contains(expected);
  }

  @Test
  void anEcKeyWithoutItsPublicPointHasNoPublicKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();

    assertThat(
            SshKeys.publicKeyOf(
                pem("EC PRIVATE KEY", sec1((ECPrivateKey) pair.getPrivate(), true, null))))
        .isEmpty();
  }

  @Test
  void garbageHasNoPublicKey() {
    String rsaBody = TestKeys.pkcs1Pem(TestKeys.RSA);
    assertThat(SshKeys.publicKeyOf(null)).isEmpty();
    assertThat(SshKeys.publicKeyOf("")).isEmpty();
    assertThat(SshKeys.publicKeyOf("not a key at all")).isEmpty();
    assertThat(
            SshKeys.publicKeyOf(
                "-----BEGIN RSA PRIVATE KEY-----\n!!!!\n-----END RSA PRIVATE KEY-----\n"))
        .isEmpty();
    assertThat(SshKeys.publicKeyOf(pem("RSA PRIVATE KEY", new byte[] {0x30, 0x03, 0x02, 0x01})))
        .isEmpty();
    assertThat(SshKeys.publicKeyOf(pem("PRIVATE KEY", tlv(0x30, tlv(0x02, new byte[] {0})))))
        .isEmpty();
    assertThat(SshKeys.publicKeyOf(rsaBody.substring(0, rsaBody.length() / 2))).isEmpty();
    assertThat(SshKeys.publicKeyOf(pem("CERTIFICATE", new byte[] {0x30, 0x00}))).isEmpty();
    assertThat(SshKeys.publicKeyOf(pem("OPENSSH PRIVATE KEY", ascii("openssh-key-v0")))).isEmpty();
    assertThat(SshKeys.publicKeyOf(pem("ENCRYPTED PRIVATE KEY", new byte[] {0x30, 0x00})))
        .isEmpty();
  }

  @Test
  void anEncryptedPkcs1KeyHasNoPublicKey() {
    String encrypted =
        TestKeys.pkcs1Pem(TestKeys.RSA)
            .replace(
                "-----BEGIN RSA PRIVATE KEY-----\n",
                "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
                    + "DEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n");

    assertThat(SshKeys.publicKeyOf(encrypted)).isEmpty();
  }

  /** An {@code openssh-key-v1} file as ssh-keygen writes it (one key, padded private part). */
  private static String openSshPem(String cipher, byte[] publicBlob, byte[] privatePart) {
    byte[] checked =
        concat(uint32(0x5eed), uint32(0x5eed), privatePart, sshString(ascii("me@host")));
    int padding = (8 - checked.length % 8) % 8;
    byte[] padded = Arrays.copyOf(checked, checked.length + padding);
    for (int i = 0; i < padding; i++) {
      padded[checked.length + i] = (byte) (i + 1);
    }
    byte[] file =
        concat(
            ascii("openssh-key-v1\0"),
            sshString(ascii(cipher)),
            sshString(ascii(cipher.equals("none") ? "none" : "bcrypt")),
            sshString(new byte[0]),
            uint32(1),
            sshString(publicBlob),
            sshString(padded));
    return "-----BEGIN OPENSSH PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(70, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(file)
        + "\n-----END OPENSSH PRIVATE KEY-----\n";
  }

  /** SEC 1 ECPrivateKey: version 1, scalar, [0] curve (optional), [1] point (optional). */
  private static byte[] sec1(ECPrivateKey key, boolean withCurve, byte[] point) {
    byte[] scalar = fixedLength(key.getS(), 32);
    byte[] fields = concat(tlv(0x02, new byte[] {1}), tlv(0x04, scalar));
    if (withCurve) {
      fields = concat(fields, tlv(0xA0, OID_P256));
    }
    if (point != null) {
      fields = concat(fields, tlv(0xA1, tlv(0x03, concat(new byte[] {0}, point))));
    }
    return tlv(0x30, fields);
  }

  private static byte[] uncompressedPoint(ECPublicKey key) {
    return concat(
        new byte[] {4},
        fixedLength(key.getW().getAffineX(), 32),
        fixedLength(key.getW().getAffineY(), 32));
  }

  private static byte[] fixedLength(BigInteger value, int length) {
    byte[] bytes = value.toByteArray();
    byte[] out = new byte[length];
    int copy = Math.min(bytes.length, length);
    System.arraycopy(bytes, bytes.length - copy, out, length - copy, copy);
    return out;
  }

  private static RSAPrivateCrtKey readPkcs8(String pem) throws Exception {
    String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return (RSAPrivateCrtKey)
        KeyFactory.getInstance("RSA")
            .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
  }

  private static PublicKey rsaFromPublicLine(String line) throws Exception {
    ByteBuffer blob = ByteBuffer.wrap(Base64.getDecoder().decode(line.split(" ")[1]));
    assertThat(new String(next(blob), StandardCharsets.US_ASCII)).isEqualTo("ssh-rsa");
    BigInteger exponent = new BigInteger(next(blob));
    BigInteger modulus = new BigInteger(next(blob));
    return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
  }

  private static byte[] next(ByteBuffer blob) {
    byte[] value = new byte[blob.getInt()];
    blob.get(value);
    return value;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }
}
