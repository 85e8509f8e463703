package dev.stackagent.crd;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.kubernetes.api.model.Condition;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What the agent last knew about the stack. Conditions have the {@code metav1.Condition} shape;
 * {@code sync}, {@code health} and {@code scheduleState} repeat them as plain strings for the
 * printer columns. Only field paths, never values, so no Secret value can reach it.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StackResourceStatus {
    @JsonPropertyDescription("metadata.generation this status was written for")
    private Long observedGeneration;
    @JsonPropertyDescription("Git commit the stack was last synced at")
    private String revision;
    @JsonPropertyDescription("The first 12 characters of revision")
    private String shortRevision;
    @JsonPropertyDescription("Synced, OutOfSync or Failed")
    private String sync;
    @JsonPropertyDescription("Healthy, Suspended, Progressing, Unknown, Degraded or Missing")
    private String health;
    @JsonPropertyDescription("Awake, FallingAsleep, Asleep or Waking")
    private String scheduleState;
    @JsonPropertyDescription("When the schedule next changes the stack's state (RFC 3339), absent without a schedule")
    private String nextTransition;
    @JsonPropertyDescription("When the sync that last changed this status finished (RFC 3339)")
    private String lastSyncTime;
    @JsonPropertyDescription("Why the last sync failed, absent when it did not")
    private String lastError;
    @JsonPropertyDescription("The stack-agent.dev/reconcile-requested-at value the agent last handled (stack-agent reconcile waits for it)")
    private String lastHandledReconcileAt;
    @JsonPropertyDescription("True while applying is suspended through the cluster (stack-agent suspend) or in Git (options.suspend)")
    private Boolean suspended;
    @JsonPropertyDescription("Why the stack is suspended, absent when it is not")
    private String suspendedReason;
    @JsonPropertyDescription("The schedule override in force (stack-agent wake|sleep), e.g. 'awake until 2026-12-02T22:00:00Z', or why one was ignored")
    private String scheduleOverride;
    @JsonPropertyDescription("Passed or Failed: the model's last verification (the seed's Phase 4), absent before the first")
    private String verification;
    @JsonPropertyDescription("When the model was last verified (RFC 3339)")
    private String lastVerificationTime;
    @JsonPropertyDescription("Ready, Reconciling and Stalled (kstatus), Synced, Healthy and Asleep")
    private List<Condition> conditions = new ArrayList<>();
    @JsonPropertyDescription("The objects Git declares for the stack")
    private List<StackObjectRef> inventory = new ArrayList<>();
    @JsonPropertyDescription("What the last sync that changed anything did, object by object")
    private List<StackObjectAction> lastActions = new ArrayList<>();

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public String getRevision() {
        return revision;
    }

    public void setRevision(String revision) {
        this.revision = revision;
    }

    public String getShortRevision() {
        return shortRevision;
    }

    public void setShortRevision(String shortRevision) {
        this.shortRevision = shortRevision;
    }

    public String getSync() {
        return sync;
    }

    public void setSync(String sync) {
        this.sync = sync;
    }

    public String getHealth() {
        return health;
    }

    public void setHealth(String health) {
        this.health = health;
    }

    public String getScheduleState() {
        return scheduleState;
    }

    public void setScheduleState(String scheduleState) {
        this.scheduleState = scheduleState;
    }

    public String getNextTransition() {
        return nextTransition;
    }

    public void setNextTransition(String nextTransition) {
        this.nextTransition = nextTransition;
    }

    public String getLastSyncTime() {
        return lastSyncTime;
    }

    public void setLastSyncTime(String lastSyncTime) {
        this.lastSyncTime = lastSyncTime;
    }

    public String getLastError() {
        return lastError;
    }

    public void setLastError(String lastError) {
        this.lastError = lastError;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public List<StackObjectRef> getInventory() {
        return inventory;
    }

    public void setInventory(List<StackObjectRef> inventory) {
        this.inventory = inventory;
    }

    public List<StackObjectAction> getLastActions() {
        return lastActions;
    }

    public void setLastActions(List<StackObjectAction> lastActions) {
        this.lastActions = lastActions;
    }

    public String getLastHandledReconcileAt() {
        return lastHandledReconcileAt;
    }

    public void setLastHandledReconcileAt(String lastHandledReconcileAt) {
        this.lastHandledReconcileAt = lastHandledReconcileAt;
    }

    public Boolean getSuspended() {
        return suspended;
    }

    public void setSuspended(Boolean suspended) {
        this.suspended = suspended;
    }

    public String getVerification() {
        return verification;
    }

    public void setVerification(String verification) {
        this.verification = verification;
    }

    public String getLastVerificationTime() {
        return lastVerificationTime;
    }

    public void setLastVerificationTime(String lastVerificationTime) {
        this.lastVerificationTime = lastVerificationTime;
    }

    public String getSuspendedReason() {
        return suspendedReason;
    }

    public void setSuspendedReason(String suspendedReason) {
        this.suspendedReason = suspendedReason;
    }

    public String getScheduleOverride() {
        return scheduleOverride;
    }

    public void setScheduleOverride(String scheduleOverride) {
        this.scheduleOverride = scheduleOverride;
    }
}
