package io.erplink.simulator.bc;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import io.erplink.simulator.bc.odata.BcError;

/**
 * What a path under {@code /bc} names: the token endpoint, a service document, $metadata, the
 * companies, an entity set or one entity of it, or an API v2.0 collection.
 *
 * @param company the company literal (decoded, quotes still doubled), or the API company id
 */
record BcRoute(
        Kind kind,
        String tenant,
        String environment,
        String company,
        String entitySet,
        String keyPredicate,
        String companySegment) {
    BcRoute(Kind kind, String tenant, String environment, String company, String entitySet, String keyPredicate) {
        this(kind, tenant, environment, company, entitySet, keyPredicate, null);
    }

    enum Kind {
        TOKEN,
        SERVICE_DOCUMENT,
        METADATA,
        COMPANIES,
        COLLECTION,
        ENTITY,
        API_COMPANIES,
        API_COLLECTION
    }

    /** Routes a raw (still percent-encoded) path; an unknown path is BC's 404. */
    static BcRoute of(String rawPath) {
        String rest = rawPath.startsWith("/bc/") ? rawPath.substring(4) : "";
        String[] s = rest.split("/", -1);
        if (s.length == 4 && s[1].equals("oauth2") && s[2].equals("v2.0") && s[3].equals("token")) {
            return new BcRoute(Kind.TOKEN, decode(s[0]), null, null, null, null);
        }
        if (s.length >= 4 && s[0].equals("v2.0") && s[3].equals("ODataV4")) {
            String tenant = decode(s[1]);
            String environment = decode(s[2]);
            if (s.length == 4 || (s.length == 5 && s[4].isEmpty())) {
                return new BcRoute(Kind.SERVICE_DOCUMENT, tenant, environment, null, null, null);
            }
            if (s.length == 5 && s[4].equals("$metadata")) {
                return new BcRoute(Kind.METADATA, tenant, environment, null, null, null);
            }
            if (s.length == 5 && s[4].equals("Company")) {
                return new BcRoute(Kind.COMPANIES, tenant, environment, null, null, null);
            }
            String company = decode(s[4]);
            if (s.length == 6 && company.startsWith("Company('") && company.endsWith("')") && !s[5].isEmpty()) {
                String inner = company.substring("Company('".length(), company.length() - 2);
                String segment = decode(s[5]);
                int open = segment.indexOf('(');
                if (open < 0) {
                    return new BcRoute(Kind.COLLECTION, tenant, environment, inner, segment, null, s[4]);
                }
                if (!segment.endsWith(")")) {
                    throw BcError.badRequest("Bad Request - Error in query syntax: '" + segment + "'.");
                }
                return new BcRoute(
                        Kind.ENTITY,
                        tenant,
                        environment,
                        inner,
                        segment.substring(0, open),
                        segment.substring(open + 1, segment.length() - 1),
                        s[4]);
            }
        }
        if (s.length >= 6 && s[0].equals("v2.0") && s[3].equals("api") && s[4].equals("v2.0")) {
            String tenant = decode(s[1]);
            String environment = decode(s[2]);
            if (s.length == 6 && s[5].equals("companies")) {
                return new BcRoute(Kind.API_COMPANIES, tenant, environment, null, null, null);
            }
            String company = decode(s[5]);
            if (s.length == 7 && company.startsWith("companies(") && company.endsWith(")")) {
                String id = company.substring("companies(".length(), company.length() - 1);
                return new BcRoute(Kind.API_COLLECTION, tenant, environment, id, decode(s[6]), null);
            }
        }
        throw BcError.notFound("No HTTP resource was found that matches the request URI '" + rawPath + "'.");
    }

    /** Percent-decodes a path segment ({@code +} stays a plus in a path). */
    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw BcError.badRequest("The path segment '" + segment + "' is not correctly percent-encoded.");
        }
    }

    /** The name statistics count this route under. */
    String target() {
        return switch (kind) {
            case TOKEN -> "token";
            case SERVICE_DOCUMENT -> "serviceDocument";
            case METADATA -> "$metadata";
            case COMPANIES -> "Company";
            case COLLECTION, ENTITY -> entitySet;
            case API_COMPANIES -> "api/companies";
            case API_COLLECTION -> "api/" + entitySet;
        };
    }
}
