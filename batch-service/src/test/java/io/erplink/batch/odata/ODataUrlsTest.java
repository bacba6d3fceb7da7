package io.erplink.batch.odata;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ODataUrlsTest {
    private static final URI ONLINE =
            URI.create("https://api.businesscentral.dynamics.com/v2.0/tenant-1/Production/ODataV4");

    @Test
    void companyNamesAreQuotedWithQuotesDoubledThenPercentEncoded() {
        assertEquals(
                "Company('CRONUS%20International%20Ltd.')",
                ODataUrls.companySegment(ONLINE, "CRONUS International Ltd.", null));
        assertEquals(
                "Company('O%27%27Brien%20%26%20Sons%2C%20100%25%20%2F%20Caf%C3%A9')",
                ODataUrls.companySegment(ONLINE, "O'Brien & Sons, 100% / Café", null));
        // decoded by the server, the literal is the name with the quote doubled: nothing leaks out of it
        String decoded = URLDecoder.decode(
                ODataUrls.companySegment(ONLINE, "O'Brien & Sons, 100% / Café", null), StandardCharsets.UTF_8);
        assertEquals("Company('O''Brien & Sons, 100% / Café')", decoded);
    }

    @Test
    void entitySetUrlsOfPageWebServicesOnPremisesAndApiPages() {
        assertEquals(
                "https://api.businesscentral.dynamics.com/v2.0/tenant-1/Production/ODataV4/Company('CRONUS%20DE')/DynamicwebItemCard",
                ODataUrls.entitySet(
                                ONLINE, ODataUrls.companySegment(ONLINE, "CRONUS DE", null), "DynamicwebItemCard", "")
                        .toString());
        URI onPremises = URI.create("https://bc.example.com:7048/BC240/ODataV4/");
        assertEquals(
                "https://bc.example.com:7048/BC240/ODataV4/Company('Main')/DynamicwebCustomerCard?$select=No",
                ODataUrls.entitySet(
                                onPremises,
                                ODataUrls.companySegment(onPremises, "Main", null),
                                "DynamicwebCustomerCard",
                                "$select=No")
                        .toString());
        URI api = ODataUrls.serviceRoot(ONLINE, "api/v2.0");
        assertEquals("https://api.businesscentral.dynamics.com/v2.0/tenant-1/Production/api/v2.0", api.toString());
        String company = ODataUrls.companySegment(api, "CRONUS", "5a2b1c3d-0000-4000-8000-00000000abcd");
        assertEquals("companies(5a2b1c3d-0000-4000-8000-00000000abcd)", company);
        assertEquals(
                "https://api.businesscentral.dynamics.com/v2.0/tenant-1/Production/api/v2.0/companies(5a2b1c3d-0000-4000-8000-00000000abcd)/items",
                ODataUrls.entitySet(api, company, "items", null).toString());
        assertEquals(
                "https://api.businesscentral.dynamics.com/v2.0/tenant-1/Production/ODataV4/$metadata",
                ODataUrls.metadata(ONLINE).toString());
        assertEquals("", ODataUrls.companySegment(URI.create("https://odata.example/svc"), null, null));
    }

    @Test
    void refusesWhatCouldChangeThePath() {
        assertThrows(IllegalArgumentException.class, () -> ODataUrls.entitySet(ONLINE, "", "Items/../x", null));
        assertThrows(IllegalArgumentException.class, () -> ODataUrls.serviceRoot(ONLINE, "api/../../v1"));
        URI api = ODataUrls.serviceRoot(ONLINE, "api/v2.0");
        assertThrows(IllegalArgumentException.class, () -> ODataUrls.companySegment(api, "CRONUS", null));
        assertThrows(IllegalArgumentException.class, () -> ODataUrls.companySegment(api, null, "1) or (x"));
    }

    @Test
    void queryValuesArePercentEncodedSoTheyCannotAddOptions() {
        assertEquals(
                "$filter=Name%20eq%20%27a%26%24top%3D1%27",
                ODataUrls.option("$filter", "Name eq " + ODataUrls.stringLiteral("a&$top=1")));
    }
}
