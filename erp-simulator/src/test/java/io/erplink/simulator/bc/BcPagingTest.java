package io.erplink.simulator.bc;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Server-driven paging: maxpagesize, nextLinks with keyset skiptokens, $top and $skip. */
@QuarkusTest
class BcPagingTest {

    @BeforeEach
    void reset() {
        Bc.reset();
    }

    private static List<String> numbers(List<JsonNode> rows, String field) {
        List<String> values = new ArrayList<>();
        rows.forEach(row -> values.add(row.path(field).asText()));
        return values;
    }

    private static List<String> itemNumbers(int from, int to) {
        List<String> numbers = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            numbers.add(String.format("I%07d", i));
        }
        return numbers;
    }

    @Test
    void pagesEveryItemOnceInKeyOrder() {
        List<Integer> pages = new ArrayList<>();
        List<JsonNode> rows = Bc.all(Bc.set("DynamicwebItemCard") + "?$select=No", 60, pages);
        assertEquals(List.of(60, 60, 60, 20), pages);
        assertEquals(itemNumbers(1, 200), numbers(rows, "No"));
    }

    @Test
    void answersPreferenceAppliedAndCapsThePageAtTheMaximum() {
        Bc.Answer answer = Bc.get(Bc.set("DynamicwebItemUnits") + "?$select=Item_No", "Prefer", "odata.maxpagesize=7");
        assertEquals("odata.maxpagesize=7", answer.header("Preference-Applied"));
        assertEquals(7, answer.json().path("value").size());

        Bc.Answer capped =
                Bc.get(Bc.set("DynamicwebItemUnits") + "?$select=Item_No", "Prefer", "odata.maxpagesize=50000");
        assertEquals("odata.maxpagesize=20000", capped.header("Preference-Applied"));
        assertEquals(400, capped.json().path("value").size(), "every one of the 400 item units");
        assertFalse(capped.json().has("@odata.nextLink"));
    }

    @Test
    void usesTheDefaultPageSizeWithoutAPreference() {
        Bc.Answer answer = Bc.get(Bc.set("DynamicwebStockKeepingUnitCard") + "?$select=Item_No");
        assertNull(answer.header("Preference-Applied"));
        assertEquals(500, answer.json().path("value").size(), "erplink.simulator.bc.page-size of the test profile");
        assertTrue(answer.json().has("@odata.nextLink"));
    }

    @Test
    void omitsTheNextLinkWhenTheLastPageIsExactlyFull() {
        List<Integer> pages = new ArrayList<>();
        Bc.all(Bc.set("DynamicwebItemCard") + "?$select=No", 100, pages);
        assertEquals(List.of(100, 100), pages);
    }

    @Test
    void keepsTheFilterAndSelectInTheNextLink() {
        Bc.Answer first = Bc.get(
                Bc.set("DynamicwebItemCard") + "?$select=No,Blocked&$filter=" + Bc.q("Blocked eq true"),
                "Prefer",
                "odata.maxpagesize=2");
        String next = first.json().path("@odata.nextLink").asText();
        assertTrue(next.contains("$select=No,Blocked&$filter=Blocked%20eq%20true&$skiptoken="), next);
        List<Integer> pages = new ArrayList<>();
        List<JsonNode> rows = Bc.all(
                Bc.set("DynamicwebItemCard") + "?$select=No,Blocked&$filter=" + Bc.q("Blocked eq true"), 2, pages);
        assertEquals(List.of("I0000050", "I0000100", "I0000150", "I0000200"), numbers(rows, "No"));
        assertEquals(List.of(2, 2), pages);
    }

    @Test
    void neitherRepeatsNorLosesRowsChangedBetweenPages() {
        Bc.Answer first =
                Bc.get(Bc.set("DynamicwebItemCard") + "?$select=No,Description", "Prefer", "odata.maxpagesize=50");
        assertEquals(itemNumbers(1, 50), first.column("No"));
        // a row already sent and one still ahead change; one ahead is deleted; a new one sorts after the last sent
        assertEquals(
                200,
                Bc.admin(
                                "POST",
                                "/sets/DynamicwebItemCard/modify",
                                "{\"keys\":[{\"No\":\"I0000010\"},{\"No\":\"I0000120\"}],\"values\":{\"Description\":\"changed\"}}")
                        .status());
        assertEquals(
                200,
                Bc.admin("POST", "/sets/DynamicwebItemCard/delete", "{\"keys\":[{\"No\":\"I0000051\"}]}")
                        .status());
        assertEquals(
                201,
                Bc.admin(
                                "POST",
                                "/sets/DynamicwebItemCard/insert",
                                "{\"values\":{\"No\":\"I0000050A\",\"Description\":\"inserted\"}}")
                        .status());

        List<Integer> pages = new ArrayList<>();
        List<JsonNode> rest = Bc.all(first.json().path("@odata.nextLink").asText(), 50, pages);
        List<String> expected = new ArrayList<>(List.of("I0000050A"));
        expected.addAll(itemNumbers(52, 200));
        assertEquals(expected, numbers(rest, "No"));
        assertEquals("inserted", rest.get(0).path("Description").asText());
        assertEquals(
                "changed",
                rest.get(expected.indexOf("I0000120")).path("Description").asText());
        assertEquals(List.of(50, 50, 50), pages);
    }

    @Test
    void appliesTopAndSkipCorrectlyAcrossPages() {
        Bc.Answer skipped = Bc.get(Bc.set("DynamicwebItemCard") + "?$select=No&$skip=195");
        assertEquals(itemNumbers(196, 200), skipped.column("No"));

        List<Integer> pages = new ArrayList<>();
        List<JsonNode> rows = Bc.all(Bc.set("DynamicwebItemCard") + "?$select=No&$top=25&$skip=10", 10, pages);
        assertEquals(itemNumbers(11, 35), numbers(rows, "No"));
        assertEquals(List.of(10, 10, 5), pages);
    }

    @Test
    void refusesATamperedSkipToken() {
        Bc.Answer answer = Bc.get(Bc.set("DynamicwebItemCard") + "?$skiptoken=bm90LWEtdG9rZW4");
        assertEquals(400, answer.status());
        assertEquals("BadRequest", answer.errorCode());
    }

    @Test
    void pagesCompositeKeysWithEnumsInOrdinalOrder() {
        List<Integer> pages = new ArrayList<>();
        List<JsonNode> rows = Bc.all(
                Bc.set("DynamicwebSalesPrices") + "?$select=Item_No,Sales_Type&$filter="
                        + Bc.q("Item_No le 'I0000002'"),
                4,
                pages);
        assertEquals(List.of(4, 2), pages);
        assertEquals(
                List.of(
                        "Customer",
                        "Customer_x0020_Price_x0020_Group",
                        "All_x0020_Customers",
                        "Customer",
                        "Customer_x0020_Price_x0020_Group",
                        "All_x0020_Customers"),
                numbers(rows, "Sales_Type"));
    }

    @Test
    void givesEveryRowAWeakEtagThatChangesWithTheRow() {
        String url = Bc.set("DynamicwebCustomerCard('C00003')");
        Bc.Answer before = Bc.get(url);
        String etag = before.json().path("@odata.etag").asText();
        assertTrue(etag.startsWith("W/\"Jz"), etag);
        assertEquals(etag, before.header("ETag"));
        assertEquals(etag, Bc.get(url).json().path("@odata.etag").asText(), "stable while unchanged");
        Bc.admin("POST", "/sets/DynamicwebCustomerCard/modify", "{\"keys\":[{\"No\":\"C00003\"}],\"values\":{}}");
        Bc.Answer after = Bc.get(url);
        assertNotEquals(etag, after.json().path("@odata.etag").asText());
        assertNotEquals(
                before.json().path("SystemModifiedAt").asText(),
                after.json().path("SystemModifiedAt").asText());
    }
}
