package io.fluxrp.server.store;

import io.fluxrp.server.fluxconfig.ConfigKey;

/**
 * How the write-only values of a configuration are kept in its {@code secrets_json} column: the
 * store hands over and gets back JSON text; what the column holds is the codec's business
 * (ciphertext bound to the row). Implementations must keep the values out of every exception
 * message.
 */
public interface SecretsCodec {

  /** The column value for the JSON text {@code json} of the row {@code key}. */
  String seal(ConfigKey key, String json);

  /** The JSON text back from the column value {@code stored} of the row {@code key}. */
  String open(ConfigKey key, String stored);

  /** Whether {@code stored} is sealed the way {@link #seal} seals now (re-encryption skips it). */
  boolean isCurrent(String stored);
}
