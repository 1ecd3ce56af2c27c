package io.fluxrp.server.auth;

/**
 * What a request needs: {@code action} (the role that allows it) over {@code scope} (the ARM id, or
 * id prefix, it touches). {@code operation} names it in a refusal, ARM style ({@code
 * Microsoft.KubernetesConfiguration/fluxConfigurations/write}).
 */
public record Permission(Action action, String operation, String scope) {}
