package io.erplink.simulator.bc;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The URL layout: company paths and their escaping, the service document, $metadata, the API v2.0 paths. */
@QuarkusTest
class BcLayoutTest {

    @BeforeEach
    void reset() {
        Bc.reset();
    }

    @Test
    void servesACompanyWhoseNameNeedsEveryEscape() {
        String url = Bc.odata() + "/" + Bc.companySegment(Bc.ODD) + "/DynamicwebLocations";
        assertTrue(
                url.contains("Company('O''Brien%20%26%20Sons%2C%20100%25%20%2F%20Caf%C3%A9')")
                        || url.contains("Company(%27O%27%27Brien%20%26%20Sons%2C%20100%25%20%2F%20Caf%C3%A9%27)"),
                url);
        Bc.Answer answer = Bc.get(url);
        assertEquals(200, answer.status(), answer.body());
        assertEquals(List.of("EAST", "MAIN", "WEST"), answer.column("Code"));
        assertTrue(answer.json().path("@odata.context").asText().endsWith("/DynamicwebLocations"));
    }

    @Test
    void refusesACompanyLiteralWithAnUndoubledQuote() {
        String url = Bc.odata() + "/Company('O'Brien%20%26%20Sons%2C%20100%25%20%2F%20Caf%C3%A9')/DynamicwebLocations";
        Bc.Answer answer = Bc.get(url);
        assertEquals(400, answer.status(), answer.body());
        assertEquals("BadRequest", answer.errorCode());
    }

    @Test
    void answersAnUnknownCompanyWithBcsNotFound() {
        Bc.Answer answer = Bc.get(Bc.odata() + "/" + Bc.companySegment("CRONUS USA") + "/DynamicwebItemCard");
        assertEquals(404, answer.status());
        assertEquals("BadRequest_NotFound", answer.errorCode());
        assertTrue(answer.json().path("error").path("message").asText().contains("'CRONUS USA'"));
    }

    @Test
    void answersAnUnpublishedEntitySetWithNotFound() {
        Bc.Answer answer = Bc.get(Bc.set("Customer"));
        assertEquals(404, answer.status());
        assertEquals("BadRequest_NotFound", answer.errorCode());
    }

    @Test
    void listsTheCompanies() {
        Bc.Answer answer = Bc.get(Bc.odata() + "/Company");
        assertEquals(200, answer.status());
        assertEquals(List.of(Bc.CRONUS, Bc.ODD), answer.column("Name"));
    }

    @Test
    void servesTheServiceDocumentWithEveryEntitySet() {
        Bc.Answer answer = Bc.get(Bc.odata() + "/");
        assertEquals(200, answer.status());
        List<String> names = answer.column("name");
        assertEquals(26, names.size(), names.toString());
        assertTrue(names.containsAll(List.of(
                "Company",
                "DynamicwebItemCard",
                "DynamicwebCustomerCard",
                "DynamicwebContactCard",
                "DynamicwebSalesPriceListLines",
                "DynamicwebItemVariants",
                "DynamicwebStockKeepingUnitCard",
                "AssemblyBOM",
                "DynamicwebSalesOrder",
                "DynamicwebSalesOrderSalesLines")));
    }

    @Test
    void describesEverySetInTheMetadata() {
        Bc.Answer answer = Bc.get(Bc.odata() + "/$metadata");
        assertEquals(200, answer.status());
        assertTrue(answer.header("Content-Type").startsWith("application/xml"));
        String csdl = answer.body();
        assertTrue(
                csdl.contains(
                        "<EntityType Name=\"DynamicwebItemCard\">\n        <Key><PropertyRef Name=\"No\"/></Key>"),
                csdl);
        assertTrue(csdl.contains("<Property Name=\"No\" Type=\"Edm.String\" Nullable=\"false\" MaxLength=\"20\"/>"));
        assertTrue(csdl.contains("<Property Name=\"Unit_Price\" Type=\"Edm.Decimal\" Scale=\"Variable\"/>"));
        assertTrue(csdl.contains("<Property Name=\"StartingDate\" Type=\"Edm.Date\"/>"));
        assertTrue(csdl.contains("<Property Name=\"SystemModifiedAt\" Type=\"Edm.DateTimeOffset\"/>"));
        assertTrue(csdl.contains("<Property Name=\"Amount_Type\" Type=\"Microsoft.NAV.PriceAmountType\"/>"));
        assertTrue(csdl.contains("<Member Name=\"Price_x0020__x0026__x0020_Discount\" Value=\"0\"/>"));
        assertTrue(csdl.contains("<Key><PropertyRef Name=\"Document_Type\"/><PropertyRef Name=\"Document_No\"/>"
                + "<PropertyRef Name=\"Line_No\"/></Key>"));
        assertTrue(
                csdl.contains(
                        "<EntitySet Name=\"DynamicwebSalesPriceListLines\" EntityType=\"Microsoft.NAV.DynamicwebSalesPriceListLines\"/>"));
    }

    @Test
    void servesApiV2ItemsAndCustomersOfACompanyById() {
        Bc.Answer companies = Bc.get(Bc.base() + "/bc/v2.0/tenant-1/Production/api/v2.0/companies");
        assertEquals(200, companies.status(), companies.body());
        assertEquals(List.of(Bc.CRONUS, Bc.ODD), companies.column("name"));
        String id = companies.json().path("value").get(1).path("id").asText();
        String api = Bc.base() + "/bc/v2.0/tenant-1/Production/api/v2.0/companies(" + id + ")";

        List<Integer> pages = new ArrayList<>();
        List<JsonNode> items = Bc.all(api + "/items", 75, pages);
        assertEquals(List.of(75, 75, 50), pages);
        assertEquals("I0000001", items.get(0).path("number").asText());
        assertEquals("I0000200", items.get(199).path("number").asText());
        JsonNode card = Bc.get(Bc.set("DynamicwebItemCard('I0000001')")).json();
        assertEquals(card.path("SystemId").asText(), items.get(0).path("id").asText());
        assertEquals(
                card.path("Description").asText(),
                items.get(0).path("displayName").asText());

        Bc.Answer customers = Bc.get(api + "/customers?$filter=" + Bc.q("number eq 'C00002'"));
        assertEquals(200, customers.status(), customers.body());
        assertEquals(List.of("O'Brien Trading 2"), customers.column("displayName"));

        assertEquals(
                404,
                Bc.get(Bc.base() + "/bc/v2.0/tenant-1/Production/api/v2.0/companies("
                                + "00000000-0000-0000-0000-000000000001)/items")
                        .status());
    }
}
