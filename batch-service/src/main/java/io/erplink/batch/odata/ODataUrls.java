package io.erplink.batch.odata;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Request URLs of an OData v4 service: the entity set of a company, {@code $metadata}, and query
 * options, percent-encoded by RFC 3986 so that no value (a company name, a filter literal) can add a
 * path segment or a query option.
 *
 * <p>Business Central addresses a company by name in page web services,
 * {@code {root}/Company('CRONUS%20Int.')/{ServiceName}} (a {@code '} in the name is doubled inside the
 * literal, then the whole literal is percent-encoded), and by id in API pages,
 * {@code {root}/companies({guid})/{entitySet}}.
 */
public final class ODataUrls {
    /** An OData simple identifier (entity sets, properties): nothing else is ever put into a URL unquoted. */
    public static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ODataUrls() {}

    /** Whether a service path is a BC API path ({@code api/v2.0}, {@code api/publisher/group/v1.0}). */
    public static boolean isApiPath(URI serviceRoot) {
        String path = serviceRoot.getPath();
        return path.contains("/api/");
    }

    /**
     * The service root an activity uses: the endpoint's, or with {@code apiPath} (e.g. {@code api/v2.0})
     * in place of its last segment ({@code .../ODataV4} becomes {@code .../api/v2.0}).
     */
    public static URI serviceRoot(URI endpointRoot, String apiPath) {
        String root = trimSlashes(endpointRoot.toString());
        if (apiPath == null || apiPath.isBlank()) {
            return URI.create(root);
        }
        String path = trimSlashes(apiPath.trim());
        for (String segment : path.split("/")) {
            if (!segment.matches("[A-Za-z0-9_.\\-]+") || segment.equals("..") || segment.equals(".")) {
                throw new IllegalArgumentException(
                        "apiPath " + apiPath + ": segments are letters, digits, '.', '_', '-'");
            }
        }
        int cut = root.lastIndexOf('/');
        return URI.create(root.substring(0, cut) + "/" + path);
    }

    /**
     * The company segment: {@code Company('<name>')} for page web services, {@code companies(<id>)} for API
     * paths, or empty when no company is configured.
     *
     * @throws IllegalArgumentException for an API path without a GUID company id
     */
    public static String companySegment(URI serviceRoot, String company, String companyId) {
        if (isApiPath(serviceRoot)) {
            if (companyId == null || companyId.isBlank()) {
                return company == null || company.isBlank() ? "" : failNoId(company);
            }
            if (!GUID.matcher(companyId.trim()).matches()) {
                throw new IllegalArgumentException("company-id " + companyId + " is not a GUID");
            }
            return "companies(" + companyId.trim() + ")";
        }
        if (company == null || company.isEmpty()) {
            return "";
        }
        // as BC's own web service list writes it: the quotes stay, the name inside is encoded
        return "Company('" + encode(company.replace("'", "''")) + "')";
    }

    private static String failNoId(String company) {
        throw new IllegalArgumentException(
                "API pages address a company by id: set company-id (a GUID) for " + "company '" + company + "'");
    }

    /** The URL of an entity set, with an already encoded query (or none). */
    public static URI entitySet(URI serviceRoot, String companySegment, String entitySet, String encodedQuery) {
        if (!IDENTIFIER.matcher(entitySet).matches()) {
            throw new IllegalArgumentException("entity set " + entitySet + " is not an OData identifier");
        }
        StringBuilder url = new StringBuilder(trimSlashes(serviceRoot.toString()));
        if (!companySegment.isEmpty()) {
            url.append('/').append(companySegment);
        }
        url.append('/').append(entitySet);
        if (encodedQuery != null && !encodedQuery.isEmpty()) {
            url.append('?').append(encodedQuery);
        }
        return URI.create(url.toString());
    }

    /** The service's {@code $metadata} document. */
    public static URI metadata(URI serviceRoot) {
        return URI.create(trimSlashes(serviceRoot.toString()) + "/$metadata");
    }

    /** An OData string literal: single-quoted, a quote inside doubled. */
    public static String stringLiteral(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** One query option, {@code $name=value}, the value percent-encoded. */
    public static String option(String name, String value) {
        return name + "=" + encode(value);
    }

    /**
     * Percent-encodes (UTF-8) every character but RFC 3986's unreserved ones (letters, digits, {@code -._~}):
     * an encoded value cannot contain a {@code /}, {@code ?}, {@code &}, {@code #}, {@code =} or {@code '}.
     */
    public static String encode(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    private static String trimSlashes(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '/') {
            end--;
        }
        int start = 0;
        while (start < end && s.charAt(start) == '/') {
            start++;
        }
        return s.substring(start, end);
    }
}
