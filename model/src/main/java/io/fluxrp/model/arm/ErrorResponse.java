package io.fluxrp.model.arm;

/** The ARM error envelope: {@code {"error": {code, message, target, details}}}. */
public record ErrorResponse(ErrorDetail error) {}
