package io.erplink.batch.odata;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * An OData error object ({@code {"error":{"code":"...","message":"..."}}}), e.g. Business Central's
 * {@code BadRequest_InvalidFilter}. Never data: the page it arrived in fails.
 */
public class ODataServiceError extends ODataFormatException {
    private final String code;
    private final String detail;

    public ODataServiceError(String code, String detail) {
        super("error " + (code == null || code.isEmpty() ? "(no code)" : code) + ": "
                + (detail == null ? "(no message)" : detail));
        this.code = code;
        this.detail = detail;
    }

    /** The service's error code, e.g. {@code Internal_ServerError}; may be null. */
    public String code() {
        return code;
    }

    /** The service's message; may be null. */
    public String detail() {
        return detail;
    }

    /** Reads the error object the parser is at (its value token given). */
    static ODataServiceError of(JsonParser p, JsonToken value) throws IOException {
        String code = null;
        String message = null;
        if (value == JsonToken.START_OBJECT) {
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (v == JsonToken.VALUE_STRING && name.equals("code")) {
                    code = p.getText();
                } else if (v == JsonToken.VALUE_STRING && name.equals("message")) {
                    message = p.getText();
                } else {
                    p.skipChildren();
                }
            }
        }
        return new ODataServiceError(code, clip(message));
    }

    private static String clip(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 1000) + "...";
    }
}
