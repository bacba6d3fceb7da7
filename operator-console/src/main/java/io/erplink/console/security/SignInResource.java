package io.erplink.console.security;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

import io.erplink.console.ConsoleConfig;

/**
 * Sign-in and sign-out. With an identity provider (OpenID Connect code flow) {@code /sign-in} just leads to the
 * console, which sends the browser to the provider. The local sign-in ({@code erplink.console.local.enabled})
 * offers the local run's {@code operator.jwt} and {@code admin.jwt}, or a pasted token; the chosen token goes
 * into an HttpOnly cookie, never into a URL or a log.
 */
@Path("/")
public class SignInResource {
    private static final Logger LOG = Logger.getLogger(SignInResource.class);

    private final ConsoleConfig config;
    private final LocalTokenVerifier verifier;
    private final Template page;

    SignInResource(ConsoleConfig config, LocalTokenVerifier verifier, @Location("sign-in.html") Template page) {
        this.config = config;
        this.verifier = verifier;
        this.page = page;
    }

    @GET
    @Path("sign-in")
    @Produces(MediaType.TEXT_HTML)
    public Response signInPage() {
        if (!verifier.enabled()) {
            return Response.seeOther(URI.create("/")).build();
        }
        return Response.ok(form(null)).build();
    }

    @POST
    @Path("sign-in")
    @Produces(MediaType.TEXT_HTML)
    public Response signIn(@FormParam("as") String as, @FormParam("token") String pasted, @Context UriInfo uri) {
        if (!verifier.enabled()) {
            return Response.seeOther(URI.create("/")).build();
        }
        String token = pasted != null && !pasted.isBlank()
                ? pasted.strip()
                : localToken(as).orElse(null);
        if (token == null) {
            return Response.status(400)
                    .entity(form("No token for " + as + " in the local credentials"))
                    .build();
        }
        Optional<LocalTokenVerifier.Verified> verified = verifier.verify(token);
        if (verified.isEmpty()) {
            return Response.status(401)
                    .entity(form("That token is not accepted: not signed with the services' key, another issuer,"
                            + " or expired"))
                    .build();
        }
        LOG.infof(
                "local sign-in of %s with roles %s",
                verified.get().user(), verified.get().groups());
        int maxAge = (int) Math.max(
                0, verified.get().expiresAtEpochSecond() - Instant.now().getEpochSecond());
        return Response.seeOther(URI.create("/"))
                .cookie(session(token, maxAge, "https".equals(uri.getBaseUri().getScheme())))
                .build();
    }

    @POST
    @Path("sign-out")
    public Response signOut(@Context UriInfo uri) {
        if (!verifier.enabled()) {
            // quarkus.oidc.logout.path ends the code flow's session (and the provider's).
            return Response.seeOther(URI.create("/logout")).build();
        }
        return Response.seeOther(URI.create("/sign-in"))
                .cookie(session("", 0, "https".equals(uri.getBaseUri().getScheme())))
                .build();
    }

    private TemplateInstance form(String error) {
        return page.data("error", error).data("choices", localChoices());
    }

    /** The roles whose token the local run left in the credentials directory. */
    private List<String> localChoices() {
        return List.of("operator", "admin").stream()
                .filter(role -> localToken(role).isPresent())
                .toList();
    }

    private Optional<String> localToken(String role) {
        if (!"operator".equals(role) && !"admin".equals(role)) {
            return Optional.empty();
        }
        Optional<java.nio.file.Path> dir = config.local().credentialsDir();
        if (dir.isEmpty()) {
            return Optional.empty();
        }
        java.nio.file.Path file = dir.get().resolve(role + ".jwt");
        try {
            return Files.isReadable(file) ? Optional.of(Files.readString(file).strip()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static NewCookie session(String token, int maxAge, boolean secure) {
        return new NewCookie.Builder(LocalSessionMechanism.COOKIE)
                .value(token)
                .path("/")
                .maxAge(maxAge)
                .httpOnly(true)
                .secure(secure)
                .sameSite(NewCookie.SameSite.STRICT)
                .build();
    }
}
