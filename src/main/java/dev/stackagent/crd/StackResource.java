package dev.stackagent.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The {@code Stack} custom resource ({@code stack-agent.dev/v1alpha1}): a read-only window onto one
 * stack the agent reconciles. The spec lives in Git; the resource's spec only points at it, and the
 * agent writes the status. The CRD in {@code manifests/stack-agent.dev_stacks.yaml} is generated from
 * this class (see {@code StackCrdManifestTest}).
 *
 * <p>NEXT is a string column on purpose: kubectl renders {@code date} columns as an age, and an
 * instant in the future shows as {@code <invalid>}. MESSAGE is the Ready condition's message (the
 * failure's message when a sync failed), last because it is the widest.
 */
@Group(StackResource.GROUP)
@Version(StackResource.VERSION)
@Kind("Stack")
@Plural("stacks")
@Singular("stack")
@ShortNames("stk")
@AdditionalPrinterColumn(name = "REVISION", jsonPath = ".status.shortRevision", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "SYNCED", jsonPath = ".status.sync", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "HEALTH", jsonPath = ".status.health", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "STATE", jsonPath = ".status.scheduleState", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "NEXT", jsonPath = ".status.nextTransition", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "AGE", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "MESSAGE", jsonPath = ".status.conditions[?(@.type==\"Ready\")].message",
        type = AdditionalPrinterColumn.Type.STRING)
@RegisterForReflection
public class StackResource extends CustomResource<StackSpec, StackResourceStatus> implements Namespaced {
    public static final String GROUP = "stack-agent.dev";
    public static final String VERSION = "v1alpha1";
    public static final String CRD_NAME = "stacks." + GROUP;
}
