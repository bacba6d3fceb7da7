package io.erplink.mapping.schema;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchemaCatalogTest {
    private final SchemaCatalog catalog = MigrationCatalog.load();

    @Test
    void resolvesTablesAndColumnsCaseInsensitively() {
        TableInfo products = catalog.table("ECOMPRODUCTS");
        assertEquals("ecomproducts", products.name());
        assertEquals("productid", products.column("ProductID").name());
        assertEquals(ColumnType.NUMERIC, products.column("productPrice").type());
        assertEquals(ColumnType.BOOLEAN, products.column("ProductActive").type());
        assertEquals("\"commerce\".\"ecomproducts\"", products.qualified());
    }

    @Test
    void resolvesTheAliasesOfTheSourceDocuments() {
        assertEquals("ecomvariantsoptions", catalog.table("EcomVariantOptions").name());
        assertEquals("ecomvariantgroups", catalog.table("EcomVariantsGroups").name());
    }

    @Test
    void unknownTableListsCloseMatches() {
        UnknownNameException e = assertThrows(UnknownNameException.class, () -> catalog.table("EcomProduct"));
        assertTrue(e.getMessage().contains("did you mean ecomproducts"), e.getMessage());
    }

    @Test
    void unknownColumnListsCloseMatches() {
        UnknownNameException e = assertThrows(
                UnknownNameException.class, () -> catalog.table("EcomProducts").column("ProductPrise"));
        assertEquals("productprice", e.suggestions().get(0));
        assertTrue(e.getMessage().contains("unknown column 'ProductPrise' in ecomproducts"), e.getMessage());
    }

    @Test
    void hostileNameIsUnknownNotSql() {
        UnknownNameException e =
                assertThrows(UnknownNameException.class, () -> catalog.table("EcomProducts; drop table x"));
        assertTrue(e.getMessage().startsWith("unknown table"));
        assertEquals("\"a\"\"b\"", SchemaCatalog.quote("a\"b"));
    }

    @Test
    void productsHaveTheNaturalKeyAndCustomFields() {
        TableInfo products = catalog.table("EcomProducts");
        assertEquals(
                java.util.List.of("productid", "productvariantid", "productlanguageid"),
                products.primaryKey().stream().map(ColumnInfo::name).toList());
        assertTrue(products.customFields().isPresent());
        assertTrue(catalog.tables().size() >= 30);
    }

    @Test
    void levenshteinCountsEdits() {
        assertEquals(0, NameSuggestions.levenshtein("abc", "abc"));
        assertEquals(1, NameSuggestions.levenshtein("abc", "abd"));
        assertEquals(3, NameSuggestions.levenshtein("", "abc"));
        assertEquals(2, NameSuggestions.levenshtein("productid", "prodcutid"));
    }
}
