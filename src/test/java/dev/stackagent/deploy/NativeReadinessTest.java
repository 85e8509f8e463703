package dev.stackagent.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonSubTypes;

import dev.stackagent.cli.PlanReport;
import dev.stackagent.desired.StackConfig;
import dev.stackagent.status.StackStatus;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a native image needs and no JVM test would notice: every type Jackson binds or writes
 * ({@code stack.yaml} into {@link StackConfig}, {@code GET /api/v1/stacks} from {@link StackStatus},
 * {@code plan --output json} from {@link PlanReport}, and whatever an already registered type
 * reaches) carries {@code @RegisterForReflection}. A native build itself is not run here.
 */
class NativeReadinessTest {
    static final List<Class<?>> ROOTS = List.of(StackConfig.class, StackStatus.class, PlanReport.class);

    @Test
    void everyTypeJacksonBindsIsRegisteredForReflection() {
        Set<Class<?>> reachable = reachableFrom(ROOTS);
        assertThat(reachable).as("the walk found the bound types").hasSizeGreaterThan(10);

        assertThat(unregistered(reachable)).as("bound by Jackson but not @RegisterForReflection").isEmpty();
    }

    @Test
    void theWalkFindsAnUnregisteredNestedType() {
        record Inner(String value) {
        }
        @RegisterForReflection
        record Outer(List<Inner> inners) {
        }

        assertThat(unregistered(reachableFrom(List.of(Outer.class)))).containsExactly(Inner.class.getName());
    }

    static Set<String> unregistered(Set<Class<?>> classes) {
        Set<String> out = new TreeSet<>();
        classes.stream().filter(c -> !c.isAnnotationPresent(RegisterForReflection.class)).forEach(c -> out.add(c.getName()));
        return out;
    }

    /** The project's own classes reachable through record components, fields, type arguments and subtypes. */
    static Set<Class<?>> reachableFrom(List<Class<?>> roots) {
        Set<Class<?>> seen = new LinkedHashSet<>();
        Deque<Type> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            Type t = todo.pop();
            if (t instanceof ParameterizedType p) {
                todo.push(p.getRawType());
                List.of(p.getActualTypeArguments()).forEach(todo::push);
            } else if (t instanceof WildcardType w) {
                List.of(w.getUpperBounds()).forEach(todo::push);
            } else if (t instanceof GenericArrayType a) {
                todo.push(a.getGenericComponentType());
            } else if (t instanceof Class<?> c) {
                if (c.isArray()) {
                    todo.push(c.getComponentType());
                } else if (isOurs(c) && seen.add(c)) {
                    members(c).forEach(todo::push);
                }
            }
        }
        return seen;
    }

    private static List<Type> members(Class<?> c) {
        List<Type> out = new java.util.ArrayList<>();
        if (c.isRecord()) {
            for (RecordComponent rc : c.getRecordComponents()) out.add(rc.getGenericType());
        } else if (!c.isEnum() && !c.isInterface()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) out.add(f.getGenericType());
            }
        }
        JsonSubTypes sub = c.getAnnotation(JsonSubTypes.class);
        if (sub != null) {
            for (JsonSubTypes.Type s : sub.value()) out.add(s.value());
        }
        return out;
    }

    private static boolean isOurs(Class<?> c) {
        return !c.isPrimitive() && c.getName().startsWith("dev.stackagent.");
    }
}
