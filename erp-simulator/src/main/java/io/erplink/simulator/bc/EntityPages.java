package io.erplink.simulator.bc;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import io.erplink.simulator.bc.model.Table;
import io.erplink.simulator.bc.odata.PageWriter;
import io.erplink.simulator.bc.odata.QueryOptions;

import static io.erplink.simulator.bc.BcJson.ODATA_JSON;

/**
 * One page of an entity set or API view: $filter, $select, $orderby, $top, $skip and skiptokens, the
 * client's {@code odata.maxpagesize} preference within the configured maximum, streamed as it is
 * written (and cut or stalled when the faults say so).
 */
@ApplicationScoped
class EntityPages {

    @Inject
    BcConfig config;

    @Inject
    BcFaultGate gate;

    Response page(BcRequest request, Table table, String context, boolean inScope) {
        QueryOptions options = QueryOptions.parse(table, request.rawQuery());
        int pageSize = config.pageSize();
        String applied = null;
        String prefer = request.header("Prefer");
        if (prefer != null) {
            for (String preference : prefer.split(",")) {
                String p = preference.strip();
                if (p.startsWith("odata.maxpagesize=")) {
                    try {
                        int asked = Integer.parseInt(
                                p.substring("odata.maxpagesize=".length()).strip());
                        if (asked > 0) {
                            pageSize = Math.min(asked, config.maxPageSize());
                            applied = "odata.maxpagesize=" + pageSize;
                        }
                    } catch (NumberFormatException e) {
                        // an unusable preference is ignored, as preferences are
                    }
                }
            }
        }
        String selectContext = context;
        if (options.select() != null) {
            StringBuilder names = new StringBuilder();
            for (int i : options.select()) {
                names.append(names.isEmpty() ? "" : ",")
                        .append(table.fields().get(i).name());
            }
            selectContext = context + "(" + names + ")";
        }
        PageWriter writer =
                new PageWriter(table, options, pageSize, selectContext, request.origin() + request.rawPath());
        BcFaultGate.PageDisruption disruption = gate.page(inScope);
        StreamingOutput body = out -> writer.write(out, disruption.cutAfterBytes(), disruption.stallMs());
        Response.ResponseBuilder answer = Response.ok(body).type(ODATA_JSON).header("OData-Version", "4.0");
        if (applied != null) {
            answer.header("Preference-Applied", applied);
        }
        return answer.build();
    }
}
