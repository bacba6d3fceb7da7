package io.erplink.kit.security;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Shows {@link ApiAccessPolicy} in a service's OpenAPI document, without annotations on every
 * resource: the bearer scheme {@value #SCHEME}, a security requirement and 401/403 answers on every
 * operation under {@code /api/}, and which role each operation needs. A service subclasses it with
 * its read-only POST paths and names the subclass in {@code mp.openapi.filter}.
 */
public abstract class ApiSecurityOpenApiFilter implements OASFilter {
    /** The name of the bearer JWT security scheme in the document. */
    public static final String SCHEME = "operator-jwt";

    private static final Set<PathItem.HttpMethod> READ_METHODS =
            Set.of(PathItem.HttpMethod.GET, PathItem.HttpMethod.HEAD, PathItem.HttpMethod.OPTIONS);

    private final Set<String> readOnlyPosts;

    /** @param readOnlyPosts the same POST paths the service's {@link ApiAccessPolicy} lets the read role use */
    protected ApiSecurityOpenApiFilter(Set<String> readOnlyPosts) {
        this.readOnlyPosts = Set.copyOf(readOnlyPosts);
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        components.addSecurityScheme(
                SCHEME,
                OASFactory.createSecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")
                        .description(
                                "A JWT from the operators' identity provider; roles in its groups claim: the read role"
                                        + " (default operator) may read and dry-run, the admin role (default admin) may change."
                                        + " Role names: erplink.<service>.auth.read-role / admin-role."));
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path :
                openAPI.getPaths().getPathItems().entrySet()) {
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            Map<PathItem.HttpMethod, Operation> operations = path.getValue().getOperations();
            if (operations == null) {
                continue;
            }
            operations.forEach((method, operation) -> secure(
                    operation,
                    READ_METHODS.contains(method)
                            || (method == PathItem.HttpMethod.POST && readOnlyPosts.contains(path.getKey()))));
        }
    }

    private static void secure(Operation operation, boolean reads) {
        operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(SCHEME));
        operation.addExtension("x-erplink-role", reads ? "read" : "admin");
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        if (!responses.hasAPIResponse("401")) {
            responses.addAPIResponse("401", OASFactory.createAPIResponse().description("No valid bearer token"));
        }
        if (!responses.hasAPIResponse("403")) {
            responses.addAPIResponse(
                    "403",
                    OASFactory.createAPIResponse()
                            .description(
                                    reads
                                            ? "The token has neither the read role nor the admin role"
                                            : "The token lacks the admin role"));
        }
    }
}
