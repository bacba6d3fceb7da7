package io.erplink.batch.odata;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ODataMetadataTest {
    @Test
    void propertiesOfTheEntityTypeBehindAnEntitySet() {
        String csdl = """
                <?xml version="1.0" encoding="utf-8"?>
                <edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
                  <edmx:DataServices>
                    <Schema Namespace="NAV" xmlns="http://docs.oasis-open.org/odata/ns/edm">
                      <EntityType Name="DynamicwebItemCard">
                        <Key><PropertyRef Name="No"/></Key>
                        <Property Name="No" Type="Edm.String" Nullable="false" MaxLength="20"/>
                        <Property Name="Unit_Price" Type="Edm.Decimal" Scale="Variable"/>
                        <Property Name="SystemModifiedAt" Type="Edm.DateTimeOffset"/>
                      </EntityType>
                      <EntityType Name="Other"><Property Name="X" Type="Edm.Int32"/></EntityType>
                      <EntityContainer Name="NAV">
                        <EntitySet Name="DynamicwebItemCard" EntityType="NAV.DynamicwebItemCard"/>
                      </EntityContainer>
                    </Schema>
                  </edmx:DataServices>
                </edmx:Edmx>""";
        ODataMetadata metadata = ODataMetadata.read(new ByteArrayInputStream(csdl.getBytes(StandardCharsets.UTF_8)));
        Map<String, String> properties =
                metadata.properties("DynamicwebItemCard").orElseThrow();
        assertEquals(List.of("No", "Unit_Price", "SystemModifiedAt"), List.copyOf(properties.keySet()));
        assertEquals("Edm.Decimal", properties.get("Unit_Price"));
        assertEquals(Optional.empty(), metadata.properties("Missing"));
    }

    @Test
    void theKeyOfTheEntityTypeBehindAnEntitySetInItsOrder() {
        String csdl = """
                <edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
                  <edmx:DataServices>
                    <Schema Namespace="NAV" xmlns="http://docs.oasis-open.org/odata/ns/edm">
                      <EntityType Name="DynamicwebSalesOrderSalesLines">
                        <Key>
                          <PropertyRef Name="Document_Type"/>
                          <PropertyRef Name="Document_No"/>
                          <PropertyRef Name="Line_No"/>
                        </Key>
                        <Property Name="Document_Type" Type="NAV.SalesDocumentType" Nullable="false"/>
                        <Property Name="Document_No" Type="Edm.String" Nullable="false"/>
                        <Property Name="Line_No" Type="Edm.Int32" Nullable="false"/>
                        <NavigationProperty Name="Item" Type="NAV.Item"><ReferentialConstraint Property="No" ReferencedProperty="No"/></NavigationProperty>
                      </EntityType>
                      <EntityType Name="NoKey"><Property Name="X" Type="Edm.Int32"/></EntityType>
                      <EntityContainer Name="NAV">
                        <EntitySet Name="DynamicwebSalesOrderSalesLines" EntityType="NAV.DynamicwebSalesOrderSalesLines"/>
                        <EntitySet Name="Keyless" EntityType="NoKey"/>
                      </EntityContainer>
                    </Schema>
                  </edmx:DataServices>
                </edmx:Edmx>""";
        ODataMetadata metadata = ODataMetadata.read(new ByteArrayInputStream(csdl.getBytes(StandardCharsets.UTF_8)));
        assertEquals(
                Optional.of(List.of("Document_Type", "Document_No", "Line_No")),
                metadata.key("DynamicwebSalesOrderSalesLines"));
        assertEquals(Optional.of(List.of()), metadata.key("Keyless"), "an unqualified type reference, no key");
        assertEquals(Optional.empty(), metadata.key("Missing"));
    }

    @Test
    void brokenMetadataIsANamedError() {
        assertThrows(
                ODataFormatException.class,
                () -> ODataMetadata.read(new ByteArrayInputStream("<Edmx><Schema".getBytes(StandardCharsets.UTF_8))));
    }
}
