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
    void brokenMetadataIsANamedError() {
        assertThrows(
                ODataFormatException.class,
                () -> ODataMetadata.read(new ByteArrayInputStream("<Edmx><Schema".getBytes(StandardCharsets.UTF_8))));
    }
}
