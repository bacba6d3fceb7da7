package io.erplink.simulator.bc;

import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST, PATCH and DELETE with BC's numbers, ETags and conflicts; admin row changes for deltas. */
@QuarkusTest
class BcWriteTest {

    @BeforeEach
    void reset() {
        Bc.reset();
    }

    @Test
    void postAssignsTheNextCustomerNumberAndAnswers201WithTheEntity() {
        Bc.Answer created = Bc.send(
                "POST", Bc.set("DynamicwebCustomerCard"), "{\"Name\":\"Shop customer\",\"E_Mail\":\"s@example.com\"}");
        assertEquals(201, created.status(), created.body());
        JsonNode row = created.json();
        assertEquals("C00101", row.path("No").asText());
        assertEquals("Shop customer", row.path("Name").asText());
        assertEquals("", row.path("City").asText());
        assertEquals(created.header("ETag"), row.path("@odata.etag").asText());
        Bc.Answer second = Bc.send("POST", Bc.set("DynamicwebCustomerCard"), "{\"Name\":\"Another\"}");
        assertEquals("C00102", second.json().path("No").asText(), "not idempotent: a repeat is a new customer");
        assertEquals(
                "Shop customer",
                Bc.get(Bc.set("DynamicwebCustomerCard('C00101')"))
                        .json()
                        .path("Name")
                        .asText());
    }

    @Test
    void refusesAPostOfAnExistingKey() {
        Bc.Answer answer = Bc.send("POST", Bc.set("DynamicwebCustomerCard"), "{\"No\":\"C00001\",\"Name\":\"dup\"}");
        assertEquals(400, answer.status());
        assertEquals("Internal_EntityWithSameKeyExists", answer.errorCode());
        assertEquals(
                "Adatum Trading 1",
                Bc.get(Bc.set("DynamicwebCustomerCard('C00001')"))
                        .json()
                        .path("Name")
                        .asText());
    }

    @Test
    void patchNeedsIfMatchAndRefusesAStaleEtag() {
        String url = Bc.set("DynamicwebCustomerCard('C00004')");
        String etag = Bc.get(url).json().path("@odata.etag").asText();

        Bc.Answer without = Bc.send("PATCH", url, "{\"City\":\"Oslo\"}");
        assertEquals(400, without.status());
        assertTrue(without.body().contains("concurrency token"));

        Instant before =
                Instant.parse(Bc.admin("GET", "/time", null).json().path("now").asText());
        Bc.Answer patched = Bc.send("PATCH", url, "{\"City\":\"Oslo\"}", "If-Match", etag);
        assertEquals(200, patched.status(), patched.body());
        assertEquals("Oslo", patched.json().path("City").asText());
        String newEtag = patched.json().path("@odata.etag").asText();
        assertNotEquals(etag, newEtag);
        assertFalse(
                Instant.parse(patched.json().path("SystemModifiedAt").asText()).isBefore(before.minusMillis(1)));

        Bc.Answer stale = Bc.send("PATCH", url, "{\"City\":\"Bergen\"}", "If-Match", etag);
        assertEquals(409, stale.status());
        assertEquals("Request_EntityChanged", stale.errorCode());
        assertEquals("Oslo", Bc.get(url).json().path("City").asText());

        Bc.Answer star = Bc.send("PATCH", url, "{\"City\":\"Bergen\"}", "If-Match", "*");
        assertEquals(200, star.status());
        assertEquals("Bergen", Bc.get(url).json().path("City").asText());
    }

    @Test
    void refusesBadBodies() {
        String url = Bc.set("DynamicwebCustomerCard");
        assertEquals("BadRequest", Bc.send("POST", url, "{\"Name\":null}").errorCode());
        assertEquals("BadRequest", Bc.send("POST", url, "{\"Colour\":\"red\"}").errorCode());
        assertEquals("BadRequest", Bc.send("POST", url, "{\"Name\":").errorCode());
        assertEquals(
                "BadRequest",
                Bc.send("POST", url, "{\"Blocked\":\"Sometimes\"}").errorCode());
        assertEquals(
                "BadRequest",
                Bc.send("POST", url, "{\"SystemModifiedAt\":\"2025-01-01T00:00:00Z\"}")
                        .errorCode());
        Bc.Answer tooLong = Bc.send("POST", url, "{\"Post_Code\":\"" + "9".repeat(21) + "\"}");
        assertEquals(400, tooLong.status());
        assertEquals("Application_StringExceededLength", tooLong.errorCode());
        assertEquals(
                "BadRequest",
                Bc.send("PATCH", Bc.set("DynamicwebCustomerCard('C00001')"), "{\"No\":\"C99999\"}", "If-Match", "*")
                        .errorCode());
    }

    @Test
    void createsASalesOrderAndItsLinesWithBcNumbers() {
        Bc.Answer order = Bc.send(
                "POST",
                Bc.set("DynamicwebSalesOrder"),
                "{\"Document_Type\":\"Order\",\"Sell_to_Customer_Name\":\"Web shop\",\"External_Document_No\":\"SHOP-1\","
                        + "\"ShippingOptions\":\"Default (Sell-to Address)\"}");
        assertEquals(201, order.status(), order.body());
        assertEquals("SO100021", order.json().path("No").asText());
        assertEquals("Order", order.json().path("Document_Type").asText());
        assertEquals(
                "Default_x0020__x0028_Sell_x002D_to_x0020_Address_x0029_",
                order.json().path("ShippingOptions").asText(),
                "a caption is accepted, the member name answered");

        String lines = Bc.set("DynamicwebSalesOrderSalesLines");
        Bc.Answer first = Bc.send(
                "POST",
                lines,
                "{\"Document_Type\":\"Order\",\"Document_No\":\"SO100021\",\"Type\":\"Item\",\"No\":\"I0000003\",\"Quantity\":2}");
        assertEquals(201, first.status(), first.body());
        assertEquals(10000, first.json().path("Line_No").intValue());
        Bc.Answer fee = Bc.send(
                "POST",
                lines,
                "{\"Document_Type\":\"Order\",\"Document_No\":\"SO100021\",\"Type\":\"Charge (Item)\",\"No\":\"DW-SHIP\",\"Line_Amount\":9.95}");
        assertEquals(20000, fee.json().path("Line_No").intValue());
        assertEquals("Charge_x0020__x0028_Item_x0029_", fee.json().path("Type").asText());

        Bc.Answer read = Bc.get(lines + "?$filter=" + Bc.q("Document_No eq 'SO100021'"));
        assertEquals(java.util.List.of("10000", "20000"), read.column("Line_No"));

        Bc.Answer orphan = Bc.send(
                "POST",
                lines,
                "{\"Document_Type\":\"Order\",\"Document_No\":\"SO999999\",\"Type\":\"Item\",\"No\":\"I0000003\"}");
        assertEquals("Internal_RecordNotFound", orphan.errorCode());
        Bc.Answer unknownItem = Bc.send(
                "POST",
                lines,
                "{\"Document_Type\":\"Order\",\"Document_No\":\"SO100021\",\"Type\":\"Item\",\"No\":\"NOPE\"}");
        assertEquals("Internal_RecordNotFound", unknownItem.errorCode());
    }

    @Test
    void aVariantIsTakenOnAnItemLineOfAnItemThatHasItAndNowhereElse() {
        Bc.Answer order = Bc.send(
                "POST",
                Bc.set("DynamicwebSalesOrder"),
                "{\"Document_Type\":\"Order\",\"External_Document_No\":\"SHOP-2\"}");
        assertEquals(201, order.status(), order.body());
        String lines = Bc.set("DynamicwebSalesOrderSalesLines");
        String item = "{\"Document_Type\":\"Order\",\"Document_No\":\"SO100021\",\"Type\":\"Item\",";

        Bc.Answer blue = Bc.send("POST", lines, item + "\"No\":\"I0000001\",\"Variant_Code\":\"BLUE\"}");
        assertEquals(201, blue.status(), blue.body());
        assertEquals("BLUE", blue.json().path("Variant_Code").asText());
        Bc.Answer red = Bc.send("POST", lines, item + "\"No\":\"I0000001\",\"Variant_Code\":\"RED\"}");
        assertEquals(201, red.status(), red.body());
        assertEquals(20000, red.json().path("Line_No").intValue(), "a line of its own");

        // I0000002 has no variants; PURPLE is none of I0000001's
        Bc.Answer notItsVariant = Bc.send("POST", lines, item + "\"No\":\"I0000002\",\"Variant_Code\":\"BLUE\"}");
        assertEquals(400, notItsVariant.status());
        assertEquals("Application_DialogException", notItsVariant.errorCode());
        assertTrue(
                notItsVariant
                        .body()
                        .contains("The field Variant Code of table Sales Line contains a value (BLUE) that"
                                + " cannot be found in the related table (Item Variant)."),
                notItsVariant.body());
        assertEquals(
                "Application_DialogException",
                Bc.send("POST", lines, item + "\"No\":\"I0000001\",\"Variant_Code\":\"PURPLE\"}")
                        .errorCode());
        // a resource or charge line has no variant
        Bc.Answer resource = Bc.send(
                "POST",
                lines,
                "{\"Document_Type\":\"Order\",\"Document_No\":\"SO100021\",\"Type\":\"Resource\",\"No\":\"R1\","
                        + "\"Variant_Code\":\"BLUE\"}");
        assertEquals(400, resource.status());
        assertTrue(resource.body().contains("Type must be equal to 'Item'"), resource.body());
        // nor can a PATCH give a line a variant its item does not have
        String url =
                Bc.set("DynamicwebSalesOrderSalesLines(Document_Type='Order',Document_No='SO100021',Line_No=10000)");
        Bc.Answer patched = Bc.send("PATCH", url, "{\"Variant_Code\":\"PURPLE\"}", "If-Match", "*");
        assertEquals(400, patched.status());
        assertEquals("Application_DialogException", patched.errorCode());
        assertEquals(
                java.util.List.of("BLUE", "RED"),
                Bc.get(lines + "?$filter=" + Bc.q("Document_No eq 'SO100021'")).column("Variant_Code"));
    }

    @Test
    void deletesWithIfMatch() {
        String url = Bc.set("DynamicwebItemVariants(Item_No='I0000001',Code='BLUE')");
        String etag = Bc.get(url).json().path("@odata.etag").asText();
        assertEquals(400, Bc.send("DELETE", url, null).status());
        assertEquals(204, Bc.send("DELETE", url, null, "If-Match", etag).status());
        assertEquals(404, Bc.get(url).status());
        assertEquals(
                java.util.List.of("GREEN", "RED"),
                Bc.get(Bc.set("DynamicwebItemVariants") + "?$filter=" + Bc.q("Item_No eq 'I0000001'"))
                        .column("Code"));
    }

    @Test
    void aDeltaFilterFindsExactlyTheRowsModifiedThroughTheAdminCall() {
        String watermark = Bc.admin("GET", "/time", null).json().path("now").asText();
        Bc.Answer modified = Bc.admin(
                "POST",
                "/sets/DynamicwebItemCard/modify",
                "{\"keys\":[{\"No\":\"I0000005\"},{\"No\":\"I0000150\"}],\"values\":{\"Unit_Price\":12.5}}");
        assertEquals(200, modified.status(), modified.body());
        Bc.admin("POST", "/sets/DynamicwebItemCard/insert", "{\"values\":{\"Description\":\"new item\"}}");

        Bc.Answer delta = Bc.get(Bc.set("DynamicwebItemCard") + "?$select=No,Unit_Price,Last_Date_Modified&$filter="
                + Bc.q("SystemModifiedAt ge " + watermark));
        assertEquals(java.util.List.of("I0000005", "I0000150", "I0000201"), delta.column("No"));
        assertEquals("12.5", delta.column("Unit_Price").get(0));
        assertEquals(
                watermark.substring(0, 10), delta.column("Last_Date_Modified").get(0));

        assertEquals(204, Bc.admin("DELETE", "/changes", null).status());
        assertEquals(
                0,
                Bc.get(Bc.set("DynamicwebItemCard") + "?$filter=" + Bc.q("SystemModifiedAt ge " + watermark))
                        .json()
                        .path("value")
                        .size());
    }

    @Test
    void aLostPostAnswerHasCreatedTheRowAndOnlyTheNextPostsLoseTheirs() {
        assertEquals(
                200,
                Bc.admin("PUT", "/faults", "{\"lostPostAnswers\":1,\"entitySets\":[\"DynamicwebCustomerCard\"]}")
                        .status());
        assertThrows(
                java.io.UncheckedIOException.class,
                () -> Bc.send("POST", Bc.set("DynamicwebCustomerCard"), "{\"Name\":\"Lost answer\"}"));
        assertEquals(
                java.util.List.of("C00101"),
                Bc.get(Bc.set("DynamicwebCustomerCard") + "?$filter=" + Bc.q("Name eq 'Lost answer'"))
                        .column("No"));
        Bc.Answer next = Bc.send("POST", Bc.set("DynamicwebCustomerCard"), "{\"Name\":\"Answered\"}");
        assertEquals(201, next.status(), next.body());
        assertEquals("C00102", next.json().path("No").asText());
    }

    @Test
    void aConcurrentEditMakesTheNextPatchStaleOnce() {
        String url = Bc.set("DynamicwebCustomerCard('C00004')");
        String etag = Bc.get(url).json().path("@odata.etag").asText();
        assertEquals(200, Bc.admin("PUT", "/faults", "{\"concurrentEdits\":1}").status());

        Bc.Answer stale = Bc.send("PATCH", url, "{\"City\":\"Oslo\"}", "If-Match", etag);
        assertEquals(409, stale.status());
        assertEquals("Request_EntityChanged", stale.errorCode());
        String changed = Bc.get(url).json().path("@odata.etag").asText();
        assertNotEquals(etag, changed);

        Bc.Answer patched = Bc.send("PATCH", url, "{\"City\":\"Oslo\"}", "If-Match", changed);
        assertEquals(200, patched.status(), patched.body());
        assertEquals("Oslo", patched.json().path("City").asText());
    }
}
