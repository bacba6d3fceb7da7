package io.erplink.batch.odata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** An {@link ODataSource} as the JSON text stored with activities and runs. */
public final class ODataSources {
    private static final ObjectMapper MAPPER =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private ODataSources() {}

    public static String write(ODataSource source) {
        if (source == null) {
            return null;
        }
        try {
            return MAPPER.writeValueAsString(source);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an OData source: " + e.getMessage(), e);
        }
    }

    public static ODataSource read(String json) {
        if (json == null) {
            return null;
        }
        try {
            return MAPPER.readValue(json, ODataSource.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored OData source is not readable: " + e.getOriginalMessage(), e);
        }
    }
}
