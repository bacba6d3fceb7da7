package io.erplink.simulator.bc;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.UUID;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/** The JSON answers of the BC simulator: OData's content type, one-object bodies and BC's error shape. */
final class BcJson {
    static final String ODATA_JSON =
            "application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8";
    static final String JSON_TYPE = "application/json; charset=utf-8";
    private static final JsonFactory JSON = new JsonFactory();

    private BcJson() {}

    /** Writes the fields of one JSON object. */
    @FunctionalInterface
    interface ObjectBody {
        void write(JsonGenerator json) throws IOException;
    }

    static String json(ObjectBody body) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            body.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static Response.ResponseBuilder errorResponse(int status, String code, String message) {
        String withCorrelation = message + "  CorrelationId:  " + UUID.randomUUID() + ".";
        return Response.status(status)
                .type(JSON_TYPE)
                .header("OData-Version", "4.0")
                .entity(json(json -> {
                    json.writeObjectFieldStart("error");
                    json.writeStringField("code", code);
                    json.writeStringField("message", withCorrelation);
                    json.writeEndObject();
                }));
    }
}
