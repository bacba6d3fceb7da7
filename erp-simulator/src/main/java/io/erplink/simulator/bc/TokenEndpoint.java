package io.erplink.simulator.bc;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import io.erplink.simulator.bc.auth.BcAuth;

import static io.erplink.simulator.bc.BcJson.JSON_TYPE;
import static io.erplink.simulator.bc.BcJson.json;

/** The Entra ID token endpoint ({@code POST /bc/{tenant}/oauth2/v2.0/token}): client credentials in, a bearer token out. */
@ApplicationScoped
class TokenEndpoint {

    @Inject
    BcAuth auth;

    @Inject
    BcStats stats;

    Response answer(BcRequest request, String target) {
        if (!request.method().equals("POST")) {
            stats.record(target, 405);
            return Response.status(405).build();
        }
        String contentType = request.header("Content-Type");
        if (contentType == null
                || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return tokenRefused(
                    target,
                    new BcAuth.Refused(
                            400,
                            "invalid_request",
                            "AADSTS900144: The request body must be application/x-www-form-urlencoded."));
        }
        Map<String, String> form = new HashMap<>();
        String body = request.body() == null ? "" : new String(request.body(), StandardCharsets.UTF_8);
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        BcAuth.TokenAnswer answer =
                auth.token(form.get("grant_type"), form.get("client_id"), form.get("client_secret"), form.get("scope"));
        if (answer instanceof BcAuth.Refused refused) {
            return tokenRefused(target, refused);
        }
        BcAuth.Issued issued = (BcAuth.Issued) answer;
        stats.record(target, 200);
        return Response.ok(json(json -> {
                    json.writeStringField("token_type", "Bearer");
                    json.writeNumberField("expires_in", issued.expiresIn());
                    json.writeNumberField("ext_expires_in", issued.expiresIn());
                    json.writeStringField("access_token", issued.accessToken());
                }))
                .type(JSON_TYPE)
                .header("Cache-Control", "no-store, no-cache")
                .build();
    }

    private Response tokenRefused(String target, BcAuth.Refused refused) {
        stats.record(target, refused.status());
        return Response.status(refused.status())
                .type(JSON_TYPE)
                .entity(json(json -> {
                    json.writeStringField("error", refused.error());
                    json.writeStringField("error_description", refused.description());
                    json.writeStringField("correlation_id", UUID.randomUUID().toString());
                }))
                .build();
    }
}
