/**
 * The operator API contract every service answers with, written once: errors as RFC 9457 problems
 * ({@link io.erplink.kit.api.ProblemMappers} maps the domain exceptions here, Bean Validation, bad
 * JSON, Quarkus' own 404/405/415 and database failures), and one pagination scheme
 * ({@link io.erplink.kit.api.PageParams} in, {@link io.erplink.kit.api.Pages} out with {@code Link}
 * headers). The wire types themselves are connector-protocol's {@code io.erplink.protocol.api}.
 */
package io.erplink.kit.api;
