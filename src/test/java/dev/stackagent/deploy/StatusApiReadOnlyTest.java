package dev.stackagent.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.stackagent.status.StacksResource;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;

/** The status API answers GET only: nothing on it can change the agent or the cluster. */
class StatusApiReadOnlyTest {

    @Test
    void everyEndpointOfTheStatusApiIsAGet() {
        List<Method> endpoints = List.of(StacksResource.class.getDeclaredMethods()).stream()
                .filter(m -> hasAny(m, GET.class, POST.class, PUT.class, PATCH.class, DELETE.class)).toList();

        assertThat(endpoints).isNotEmpty().allMatch(m -> m.isAnnotationPresent(GET.class));
        assertThat(endpoints).noneMatch(m -> hasAny(m, POST.class, PUT.class, PATCH.class, DELETE.class));
    }

    @SafeVarargs
    private static boolean hasAny(Method m, Class<? extends Annotation>... types) {
        for (Class<? extends Annotation> t : types) {
            if (m.isAnnotationPresent(t)) return true;
        }
        return false;
    }
}
