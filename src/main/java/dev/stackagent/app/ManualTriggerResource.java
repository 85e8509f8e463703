package dev.stackagent.app;

import java.nio.charset.StandardCharsets;

import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.stackagent.triggers.SecretSource;
import dev.stackagent.triggers.Signatures;
import dev.stackagent.triggers.WorkQueue;
import dev.stackagent.config.ApiConfig;
import dev.stackagent.sync.Agent;

/**
 * On-call's manual triggers, guarded by a bearer token ({@code stack-agent.api.token-file}):
 * {@code POST /api/v1/triggers/refresh} queues a Git fetch, {@code POST /api/v1/triggers/stacks/{name}}
 * queues a stack. They only enqueue (the same work a webhook or a watch would cause); 401 without the token,
 * 503 when no token is configured.
 */
@Path("/api/v1/triggers")
public class ManualTriggerResource {
    @Inject
    ApiConfig config;
    @Inject
    WorkQueue queue;
    @Inject
    Agent agent;

    @POST
    @Path("refresh")
    public Response refresh(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Response denied = authorize(authorization);
        if (denied != null) return denied;
        queue.enqueue(WorkQueue.GIT_FETCH);
        return text(202, "git fetch queued");
    }

    @POST
    @Path("stacks/{name}")
    public Response sync(@PathParam("name") String name, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Response denied = authorize(authorization);
        if (denied != null) return denied;
        if (!agent.stackNames().contains(name)) {
            return text(404, "no stack " + name + " for this cluster");
        }
        queue.enqueue(name);
        return text(202, "sync of " + name + " queued");
    }

    private Response authorize(String authorization) {
        SecretSource token = new SecretSource(config.tokenFile(), config.token());
        if (!token.configured()) {
            return text(503, "manual triggers are off: set stack-agent.api.token-file");
        }
        String presented = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7).trim() : null;
        boolean ok = presented != null && token.read().map(t -> Signatures.validToken(presented, t)).orElse(false);
        return ok ? null : Response.status(401).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").type(MediaType.TEXT_PLAIN_TYPE)
                .entity("a valid bearer token is required").build();
    }

    private static Response text(int status, String message) {
        return Response.status(status).type(MediaType.TEXT_PLAIN_TYPE).entity(message.getBytes(StandardCharsets.UTF_8)).build();
    }
}
