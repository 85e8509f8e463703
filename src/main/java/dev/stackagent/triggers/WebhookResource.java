package dev.stackagent.triggers;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code POST /api/v1/webhooks/{provider}}: reads the raw body (bounded), hands it to the
 * {@link WebhookReceiver} and answers at once; the work itself is only queued. Counts every call in
 * {@code stack_agent.webhook.requests{provider,result}}.
 */
@Path("/api/v1/webhooks")
public class WebhookResource {

    @Inject
    WebhookReceiver receiver;

    @Inject
    WebhookConfig config;

    @Inject
    MeterRegistry registry;

    @POST
    @Path("{provider}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    public Response receive(@PathParam("provider") String provider, @Context HttpHeaders headers, InputStream body) {
        Optional<WebhookProvider> known = WebhookProvider.fromPath(provider);
        if (known.isEmpty()) return answer("unknown", WebhookResponse.unknownProvider());
        String tag = known.get().pathName();
        long limit = config.maxBodySize().asLongValue();
        if (headers.getLength() > limit) return answer(tag, WebhookResponse.tooLarge(limit));
        byte[] raw;
        try {
            raw = BoundedBody.read(body, limit);
        } catch (BoundedBody.TooLarge e) {
            return answer(tag, WebhookResponse.tooLarge(limit));
        } catch (IOException e) {
            return answer(tag, new WebhookResponse(400, "malformed", "could not read the request body"));
        }
        return answer(tag, receiver.receive(known.get(), headers::getHeaderString, raw));
    }

    private Response answer(String provider, WebhookResponse r) {
        new WebhookMetrics(registry).record(provider, r.result());
        return Response.status(r.status()).type(MediaType.TEXT_PLAIN_TYPE).entity(r.message()).build();
    }
}
