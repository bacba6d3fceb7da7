package io.erplink.console.services;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.erplink.console.ConsoleConfig;
import io.erplink.console.security.CurrentUser;

/**
 * Calls the services' operator APIs as the signed-in user (their bearer token) and hands the JSON back as maps and
 * lists for the templates. Generic on purpose: the console shows what the services answer and owns no copy of
 * their contracts, so a new field needs no console release and any error shape is shown readably.
 */
@ApplicationScoped
public class ServiceClient {
    private final ConsoleConfig config;
    private final ObjectMapper json;
    private final CurrentUser user;
    private final HttpClient http;

    ServiceClient(ConsoleConfig config, ObjectMapper json, CurrentUser user) {
        this.config = config;
        this.json = json;
        this.user = user;
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.services().timeout())
                .build();
    }

    /** GET {@code path} (with its query); the JSON answer as maps, lists and scalars. */
    public Object get(Service service, String path) {
        return send(service, "GET", path, null);
    }

    /** POST {@code body} (JSON, or none) to {@code path}. */
    public Object post(Service service, String path, Object body) {
        return send(service, "POST", path, body);
    }

    /** GET {@code path} as text of the given media type (e.g. a mapping job as YAML). */
    public String getText(Service service, String path, String accept) {
        return (String) exchange(service, "GET", path, accept, null, null, false);
    }

    /** POST a text body (e.g. a {@code <tables>} sample) and get the JSON answer. */
    public Object postText(Service service, String path, String contentType, String body) {
        return exchange(service, "POST", path, "application/json", contentType, body, true);
    }

    /** A service's health ({@code /q/health}, no token needed): UP, DOWN, or unreachable. */
    public Map<?, ?> health(Service service) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(base(service).resolve("/q/health"))
                            .timeout(config.services().timeout())
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return json.readValue(response.body(), Map.class);
        } catch (IOException e) {
            return Map.of("status", "UNREACHABLE", "checks", java.util.List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of("status", "UNREACHABLE", "checks", java.util.List.of());
        }
    }

    private Object send(Service service, String method, String path, Object body) {
        String text;
        try {
            text = body == null ? null : json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        return exchange(
                service,
                method,
                path,
                "application/json, application/problem+json",
                body == null ? null : "application/json",
                text,
                true);
    }

    private Object exchange(
            Service service,
            String method,
            String path,
            String accept,
            String contentType,
            String body,
            boolean parseJson) {
        URI uri = base(service).resolve(path);
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri).timeout(config.services().timeout()).header("Accept", accept);
        user.token().ifPresent(token -> request.header("Authorization", "Bearer " + token));
        try {
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 400) {
                throw new ServiceError(
                        service,
                        response.statusCode(),
                        ErrorBodies.message(json, response.statusCode(), response.body()));
            }
            String text = response.body();
            if (!parseJson) {
                return text;
            }
            return text == null || text.isBlank() ? Map.of() : json.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new ServiceError(service, 0, "answered something that is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ServiceError(
                    service,
                    0,
                    "unreachable at " + base(service) + " (" + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceError(service, 0, "interrupted");
        }
    }

    private URI base(Service service) {
        return switch (service) {
            case BATCH -> config.services().batch();
            case MAPPING -> config.services().mapping();
            case ORDER_QUEUE -> config.services().orderQueue();
            case LIVE -> config.services().live();
        };
    }
}
