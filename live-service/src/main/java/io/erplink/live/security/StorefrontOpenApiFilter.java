package io.erplink.live.security;

import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * The storefront's credentials in {@code /q/openapi}, as {@link StorefrontAuthMechanism} takes them:
 * an API key in its header ({@value #API_KEY}), a customer's bearer JWT ({@value #JWT}), or both (a
 * storefront key acting for the customer the token names). Every operation under {@code /api/}
 * accepts any of the three, so the Swagger UI can authorise either way.
 */
public class StorefrontOpenApiFilter implements OASFilter {
    /** The API key scheme's name in the document. */
    public static final String API_KEY = "storefront-api-key";
    /** The bearer scheme's name in the document. */
    public static final String JWT = "customer-jwt";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        String header = ConfigProvider.getConfig()
                .getOptionalValue("erplink.live.auth.api-key-header", String.class)
                .orElse("X-Api-Key");
        openAPI.getComponents()
                .addSecurityScheme(
                        API_KEY,
                        OASFactory.createSecurityScheme()
                                .type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER)
                                .name(header)
                                .description("A storefront API key: bound to one customer, or (role storefront)"
                                        + " acting for the customer of the bearer token sent with it"))
                .addSecurityScheme(
                        JWT,
                        OASFactory.createSecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("bearer")
                                .bearerFormat("JWT")
                                .description("A signed JWT naming the customer (erplink.live.auth.customer-claim)"));
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path :
                openAPI.getPaths().getPathItems().entrySet()) {
            if (path.getKey().startsWith("/api/") && path.getValue().getOperations() != null) {
                path.getValue().getOperations().values().forEach(StorefrontOpenApiFilter::secure);
            }
        }
    }

    private static void secure(Operation operation) {
        operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(API_KEY));
        operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(JWT));
        operation.addSecurityRequirement(
                OASFactory.createSecurityRequirement().addScheme(API_KEY).addScheme(JWT));
    }
}
