package io.fluxrp.server.secrets;

/**
 * The answer of {@code POST /admin/v1/secrets/rotate}.
 *
 * @param keyId the key every configuration's secrets are now encrypted with
 * @param reencrypted configurations whose secrets this rotation encrypted again
 */
public record RotationResult(String keyId, long reencrypted) {}
