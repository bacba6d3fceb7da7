package io.erplink.simulator.bc;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import io.erplink.simulator.bc.data.BcData;
import io.erplink.simulator.bc.data.EntitySet;
import io.erplink.simulator.bc.model.Field;
import io.erplink.simulator.bc.model.Row;
import io.erplink.simulator.bc.odata.BcError;
import io.erplink.simulator.bc.odata.JsonRows;
import io.erplink.simulator.bc.odata.RowBodies;

/**
 * Row changes made by the admin API, as if a BC user had edited the rows: a new version (ETag) and
 * SystemModifiedAt from the server clock. Answers with the changed rows, as the OData API shows them.
 */
@ApplicationScoped
public class BcChanges {

    @Inject
    BcData data;

    @Inject
    Clock clock;

    /** An entity set: generated rows and rows changed since the start or the last reset. */
    public record SetView(String name, long generatedRows, int changedRows) {}

    public Collection<SetView> sets() {
        List<SetView> views = new ArrayList<>();
        for (EntitySet set : data.sets()) {
            views.add(new SetView(set.name(), set.generatedCount(), set.changes()));
        }
        return views;
    }

    public Response modify(String name, byte[] body) {
        return answer(() -> {
            EntitySet set = set(name);
            JsonNode json = RowBodies.parse(body);
            JsonNode values = json.path("values");
            List<Row> rows = new ArrayList<>();
            for (JsonNode key : keys(json)) {
                Object[] k = key(set, key);
                try {
                    rows.add(set.update(
                            k,
                            current -> true,
                            v -> {
                                if (values.isObject()) {
                                    RowBodies.apply(set, values, v);
                                }
                                return v;
                            },
                            clock));
                } catch (EntitySet.NoSuchRow e) {
                    throw BcError.notFound("no row of " + set.name() + " has the key " + key);
                } catch (IllegalArgumentException e) {
                    throw BcError.badRequest("the key fields of a row cannot be modified");
                }
            }
            return rows(set, rows, 200);
        });
    }

    public Response insert(String name, byte[] body) {
        return answer(() -> {
            EntitySet set = set(name);
            JsonNode values = RowBodies.parse(body).path("values");
            if (!values.isObject()) {
                throw BcError.badRequest("{\"values\":{...}} is required");
            }
            Object[] row = set.blankValues();
            RowBodies.apply(set, values, row);
            set.numberSeries().ifPresent(series -> {
                int no = set.position("No");
                if (RowBodies.isBlank(row[no])) {
                    row[no] = set.nextNumber(row);
                }
            });
            try {
                return rows(set, List.of(set.insert(row, clock)), 201);
            } catch (EntitySet.KeyExists e) {
                throw new BcError(
                        400, "Internal_EntityWithSameKeyExists", "a row with the key " + e.getMessage() + " exists");
            }
        });
    }

    public Response delete(String name, byte[] body) {
        return answer(() -> {
            EntitySet set = set(name);
            int deleted = 0;
            for (JsonNode key : keys(RowBodies.parse(body))) {
                try {
                    set.delete(key(set, key), current -> true);
                    deleted++;
                } catch (EntitySet.NoSuchRow e) {
                    throw BcError.notFound("no row of " + set.name() + " has the key " + key);
                }
            }
            return Response.ok("{\"deleted\":" + deleted + "}").build();
        });
    }

    public void reset() {
        data.reset();
    }

    private EntitySet set(String name) {
        return data.set(name).orElseThrow(() -> BcError.notFound("no entity set " + name));
    }

    private static Iterable<JsonNode> keys(JsonNode body) {
        JsonNode keys = body.path("keys");
        if (!keys.isArray() || keys.isEmpty()) {
            throw BcError.badRequest("{\"keys\":[{...key fields...}]} is required");
        }
        return keys;
    }

    private static Object[] key(EntitySet set, JsonNode key) {
        int[] positions = set.keyIndexes();
        Object[] values = new Object[positions.length];
        for (int i = 0; i < positions.length; i++) {
            Field field = set.fields().get(positions[i]);
            JsonNode node = key.get(field.name());
            if (node == null) {
                throw BcError.badRequest("the key " + key + " lacks the key field " + field.name());
            }
            values[i] = RowBodies.value(field, node);
        }
        return values;
    }

    private static Response rows(EntitySet set, List<Row> rows, int status) {
        return Response.status(status)
                .entity(BcJson.json(json -> {
                    json.writeArrayFieldStart("value");
                    for (Row row : rows) {
                        JsonRows.write(json, set, row, null);
                    }
                    json.writeEndArray();
                }))
                .build();
    }

    private static Response answer(java.util.function.Supplier<Response> action) {
        try {
            return action.get();
        } catch (BcError e) {
            return BcJson.errorResponse(e.status(), e.code(), e.getMessage()).build();
        }
    }
}
