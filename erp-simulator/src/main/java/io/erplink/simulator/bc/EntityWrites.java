package io.erplink.simulator.bc;

import java.time.Clock;
import java.util.Arrays;
import java.util.Iterator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import io.vertx.core.http.HttpServerRequest;

import io.erplink.simulator.bc.data.BcData;
import io.erplink.simulator.bc.data.EntitySet;
import io.erplink.simulator.bc.model.EdmType;
import io.erplink.simulator.bc.model.Row;
import io.erplink.simulator.bc.model.Table;
import io.erplink.simulator.bc.odata.BcError;
import io.erplink.simulator.bc.odata.JsonRows;
import io.erplink.simulator.bc.odata.RowBodies;
import io.erplink.simulator.faults.Disruptions;

import static io.erplink.simulator.bc.BcJson.ODATA_JSON;
import static io.erplink.simulator.bc.BcJson.json;

/**
 * One entity of an entity set: its answer (with its ETag) and the writes BC allows on it, POST,
 * PATCH and DELETE with If-Match, with BC's checks (keys, references, auto-split line numbers) and
 * BC's error answers.
 */
@ApplicationScoped
class EntityWrites {

    @Inject
    BcData data;

    @Inject
    BcFaultGate gate;

    @Inject
    Clock clock;

    Response entityAnswer(int status, Table set, Row row, String context) {
        String etag = JsonRows.etag(set, row);
        return Response.status(status)
                .type(ODATA_JSON)
                .header("OData-Version", "4.0")
                .header("ETag", etag)
                .entity(json(json -> {
                    json.writeStringField("@odata.context", context);
                    json.writeStringField("@odata.etag", etag);
                    for (int i = 0; i < set.fields().size(); i++) {
                        JsonRows.value(json, set.fields().get(i), row.get(i));
                    }
                }))
                .build();
    }

    Response post(BcRequest request, EntitySet set, String context, boolean inScope, HttpServerRequest http) {
        JsonNode body = RowBodies.parse(request.body());
        Object[] values = set.blankValues();
        RowBodies.apply(set, body, values);
        set.numberSeries().ifPresent(series -> {
            int no = set.position("No");
            if (RowBodies.isBlank(values[no])) {
                values[no] = set.nextNumber(values);
            }
        });
        autoSplitKey(set, values);
        requireKey(set, values);
        checkReferences(set, values);
        Row row;
        try {
            row = set.insert(values, clock);
        } catch (EntitySet.KeyExists e) {
            throw new BcError(
                    400,
                    "Internal_EntityWithSameKeyExists",
                    "The record in table " + set.name() + " already exists. Identification fields and values: "
                            + keyText(set, values) + ".");
        }
        if (inScope && gate.takeWriteFault(true)) {
            // created, but the client never hears of it (a timeout or a reset on the way back)
            Disruptions.closeConnection(http);
            return Response.status(500).build();
        }
        return entityAnswer(201, set, row, context);
    }

    /** Lines of a document with Line_No 0 get the next number after the document's last line (+10000). */
    private static void autoSplitKey(EntitySet set, Object[] values) {
        if (!set.name().equals("DynamicwebSalesOrderSalesLines") && !set.name().equals("AssemblyBOM")) {
            return;
        }
        int lineNo = set.position("Line_No");
        if ((Integer) values[lineNo] != 0) {
            return;
        }
        int[] keys = set.keyIndexes();
        Object[] after = new Object[keys.length];
        for (int i = 0; i < keys.length; i++) {
            after[i] = values[keys[i]];
        }
        after[keys.length - 1] = 0;
        int last = 0;
        Iterator<Row> rows = set.rowsAfter(after);
        while (rows.hasNext()) {
            Row row = rows.next();
            boolean same = true;
            for (int i = 0; i < keys.length - 1; i++) {
                same &= row.get(keys[i]).equals(values[keys[i]]);
            }
            if (!same) {
                break;
            }
            last = (Integer) row.get(lineNo);
        }
        values[lineNo] = last + 10000;
    }

    private static void requireKey(EntitySet set, Object[] values) {
        for (int key : set.keyIndexes()) {
            if (RowBodies.isBlank(values[key]) && set.fields().get(key).type() != EdmType.ENUM) {
                throw BcError.badRequest("The field " + set.fields().get(key).name() + " of table " + set.name()
                        + " must have a value.");
            }
        }
    }

    /**
     * A sales line needs its order, an item line an existing item, and a variant one of that item's variants on
     * an item line (BC's Sales Line tests Type = Item when a Variant Code is given, and relates the code to the
     * Item Variant table), as BC checks on every write.
     */
    private void checkReferences(EntitySet set, Object[] values) {
        if (!set.name().equals("DynamicwebSalesOrderSalesLines")) {
            return;
        }
        Object documentType = values[set.position("Document_Type")];
        Object documentNo = values[set.position("Document_No")];
        if (!exists("DynamicwebSalesOrder", documentType, documentNo)) {
            throw new BcError(
                    400,
                    "Internal_RecordNotFound",
                    "The Sales Header does not exist. Identification fields" + " and values: Document Type='"
                            + documentType + "',No.='" + documentNo + "'");
        }
        Object type = values[set.position("Type")];
        Object no = values[set.position("No")];
        if ("Item".equals(type) && !exists("DynamicwebItemCard", no)) {
            throw new BcError(
                    400,
                    "Internal_RecordNotFound",
                    "The Item does not exist. Identification fields and values: No.='" + no + "'");
        }
        Object variant = values[set.position("Variant_Code")];
        if (RowBodies.isBlank(variant)) {
            return;
        }
        if (!"Item".equals(type)) {
            throw new BcError(
                    400,
                    "Application_DialogException",
                    "Type must be equal to 'Item'  in Sales Line: Document Type=" + documentType + ", Document No.="
                            + documentNo + ", Line No.=" + values[set.position("Line_No")] + ". Current value is '"
                            + type + "'.");
        }
        if (!exists("DynamicwebItemVariants", no, variant)) {
            throw new BcError(
                    400,
                    "Application_DialogException",
                    "The field Variant Code of table Sales Line contains a value (" + variant
                            + ") that cannot be found in the related table (Item Variant).");
        }
    }

    private boolean exists(String set, Object... key) {
        return data.set(set).orElseThrow().find(key).isPresent();
    }

    Response patch(BcRequest request, EntitySet set, Object[] key, String context, boolean inScope) {
        String ifMatch = requireIfMatch(request);
        JsonNode body = RowBodies.parse(request.body());
        Row row;
        try {
            if (inScope && gate.takeWriteFault(false)) {
                set.update(key, current -> true, values -> values, clock); // another user saved the record
            }
            row = set.update(
                    key,
                    current -> matches(ifMatch, set, current),
                    values -> {
                        Object[] before = values.clone();
                        RowBodies.apply(set, body, values);
                        for (int k : set.keyIndexes()) {
                            if (set.fields().get(k).compare(before[k], values[k]) != 0) {
                                throw BcError.badRequest("The key field "
                                        + set.fields().get(k).name() + " cannot be changed through PATCH.");
                            }
                        }
                        checkReferences(set, values);
                        return values;
                    },
                    clock);
        } catch (EntitySet.NoSuchRow e) {
            throw BcError.notFound(
                    "The record in table " + set.name() + " with key " + Arrays.toString(key) + " does not exist.");
        } catch (EntitySet.VersionConflict e) {
            throw entityChanged();
        }
        return entityAnswer(200, set, row, context);
    }

    Response delete(BcRequest request, EntitySet set, Object[] key) {
        String ifMatch = requireIfMatch(request);
        try {
            set.delete(key, current -> matches(ifMatch, set, current));
        } catch (EntitySet.NoSuchRow e) {
            throw BcError.notFound(
                    "The record in table " + set.name() + " with key " + Arrays.toString(key) + " does not exist.");
        } catch (EntitySet.VersionConflict e) {
            throw entityChanged();
        }
        return Response.noContent().header("OData-Version", "4.0").build();
    }

    private static String requireIfMatch(BcRequest request) {
        String ifMatch = request.header("If-Match");
        if (ifMatch == null || ifMatch.isBlank()) {
            throw BcError.badRequest("Could not validate the client concurrency token required by the service."
                    + " Please provide a valid token in the client request.");
        }
        return ifMatch.strip();
    }

    private static boolean matches(String ifMatch, Table set, Row current) {
        return ifMatch.equals("*") || ifMatch.equals(JsonRows.etag(set, current));
    }

    private static BcError entityChanged() {
        return new BcError(409, "Request_EntityChanged", "Another user has already changed the record.");
    }

    private static String keyText(EntitySet set, Object[] values) {
        StringBuilder text = new StringBuilder();
        for (int key : set.keyIndexes()) {
            text.append(text.isEmpty() ? "" : ",")
                    .append(set.fields().get(key).name())
                    .append("='")
                    .append(values[key])
                    .append('\'');
        }
        return text.toString();
    }
}
