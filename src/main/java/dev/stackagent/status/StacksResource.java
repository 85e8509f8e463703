package dev.stackagent.status;

import java.util.Collection;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Read-only status API: {@code GET /api/v1/stacks} and {@code GET /api/v1/stacks/{name}}. */
@Path("/api/v1/stacks")
@Produces(MediaType.APPLICATION_JSON)
public class StacksResource {
    @Inject
    StatusStore store;

    @GET
    public Collection<StackStatus> list() {
        return store.all();
    }

    @GET
    @Path("{name}")
    public StackStatus get(@PathParam("name") String name) {
        return store.get(name).orElseThrow(() -> new NotFoundException("no stack " + name));
    }
}
