package io.erplink.simulator.bc;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonGenerator;

import io.erplink.simulator.bc.data.BcData;
import io.erplink.simulator.bc.data.EntitySet;
import io.erplink.simulator.bc.model.Table;
import io.erplink.simulator.bc.odata.Metadata;

import static io.erplink.simulator.bc.BcJson.ODATA_JSON;
import static io.erplink.simulator.bc.BcJson.json;

/** The documents of the BC simulator: $metadata (with the Company type), the service document and both company lists. */
@ApplicationScoped
class ServiceDocuments {

    @Inject
    BcData data;

    private volatile String metadata;

    Response metadata() {
        String csdl = metadata;
        if (csdl == null) {
            List<Table> tables = new ArrayList<>(data.sets());
            csdl = Metadata.csdl(tables)
                    .replace(
                            "      <EntityContainer Name=\"NAV\">\n",
                            "      <EntityType Name=\"Company\"><Key><PropertyRef Name=\"Name\"/></Key>"
                                    + "<Property Name=\"Name\" Type=\"Edm.String\" Nullable=\"false\" MaxLength=\"30\"/>"
                                    + "<Property Name=\"Evaluation_Company\" Type=\"Edm.Boolean\"/>"
                                    + "<Property Name=\"Display_Name\" Type=\"Edm.String\" MaxLength=\"250\"/>"
                                    + "<Property Name=\"Id\" Type=\"Edm.Guid\"/>"
                                    + "<Property Name=\"Business_Profile_Id\" Type=\"Edm.String\" MaxLength=\"250\"/>"
                                    + "</EntityType>\n      <EntityContainer Name=\"NAV\">\n"
                                    + "        <EntitySet Name=\"Company\" EntityType=\"Microsoft.NAV.Company\"/>\n");
            metadata = csdl;
        }
        return Response.ok(csdl)
                .type("application/xml; charset=utf-8")
                .header("OData-Version", "4.0")
                .build();
    }

    Response serviceDocument(BcRequest request, BcRoute route) {
        String root = request.origin() + "/bc/v2.0/" + route.tenant() + "/" + route.environment() + "/ODataV4/";
        return Response.ok(json(json -> {
                    json.writeStringField("@odata.context", root + "$metadata");
                    json.writeArrayFieldStart("value");
                    entry(json, "Company");
                    for (EntitySet set : data.sets()) {
                        entry(json, set.name());
                    }
                    json.writeEndArray();
                }))
                .type(ODATA_JSON)
                .header("OData-Version", "4.0")
                .build();
    }

    private static void entry(JsonGenerator json, String name) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", name);
        json.writeStringField("kind", "EntitySet");
        json.writeStringField("url", name);
        json.writeEndObject();
    }

    Response companies(String root) {
        return Response.ok(json(json -> {
                    json.writeStringField("@odata.context", root + "$metadata#Company");
                    json.writeArrayFieldStart("value");
                    for (BcData.Company company : data.companies()) {
                        json.writeStartObject();
                        json.writeStringField("Name", company.name());
                        json.writeBooleanField("Evaluation_Company", false);
                        json.writeStringField("Display_Name", company.name());
                        json.writeStringField("Id", company.id().toString());
                        json.writeStringField("Business_Profile_Id", "");
                        json.writeEndObject();
                    }
                    json.writeEndArray();
                }))
                .type(ODATA_JSON)
                .header("OData-Version", "4.0")
                .build();
    }

    Response apiCompanies(BcRequest request, BcRoute route) {
        String context = request.origin() + "/bc/v2.0/" + route.tenant() + "/" + route.environment()
                + "/api/v2.0/$metadata#companies";
        return Response.ok(json(json -> {
                    json.writeStringField("@odata.context", context);
                    json.writeArrayFieldStart("value");
                    for (BcData.Company company : data.companies()) {
                        json.writeStartObject();
                        json.writeStringField("id", company.id().toString());
                        json.writeStringField("systemVersion", "26.0.0.0");
                        json.writeStringField("name", company.name());
                        json.writeStringField("displayName", company.name());
                        json.writeStringField("businessProfileId", "");
                        json.writeEndObject();
                    }
                    json.writeEndArray();
                }))
                .type(ODATA_JSON)
                .header("OData-Version", "4.0")
                .build();
    }
}
