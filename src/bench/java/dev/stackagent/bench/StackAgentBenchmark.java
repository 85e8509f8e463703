package dev.stackagent.bench;

import static dev.stackagent.bench.Bench.ms;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.stackagent.gke.FakeClusterManager;

/**
 * Benchmark of the real agent (a separate JVM) against the Kubernetes test server, the fake GKE and
 * Debian's {@code git daemon}, all on loopback: first sync at several scales against a plain fabric8
 * client loop, start-up, push-to-applied latency (webhook and polling), drift correction, idle cost.
 * Run with {@code ./mvnw -B -Pbench verify}; see {@code docs/benchmarks.md}.
 */
public final class StackAgentBenchmark {
    static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final Bench settings = new Bench();
    private final Report report = new Report();
    private final Path work;
    private final Path jar;
    private String gkeEndpoint;
    private int agents;

    StackAgentBenchmark(Path work) {
        this.work = work;
        this.jar = Path.of(settings.jar).toAbsolutePath();
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("stack-agent-bench");
        StackAgentBenchmark bench = new StackAgentBenchmark(work);
        int exit = 0;
        try {
            bench.run();
        } catch (Exception | AssertionError e) {
            System.err.println("benchmark failed: " + e);
            e.printStackTrace();
            exit = 1;
        }
        bench.finish(exit == 0);
        System.exit(exit);
    }

    void run() throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " missing: package the agent first (./mvnw -B -Pbench verify does)");
        }
        Machine.describe(report.section("machine"));
        Map<String, Object> set = report.section("settings");
        set.put("scale", settings.scale);
        set.put("latencyStacks", settings.latencyStacks);
        set.put("webhookCommits", settings.webhookCommits);
        set.put("pollCommits", settings.pollCommits);
        set.put("pollInterval", settings.pollInterval);
        set.put("driftEdits", settings.driftEdits);
        set.put("resyncInterval", settings.resyncInterval);
        set.put("idleResyncs", settings.idleResyncs);
        set.put("startups", settings.startups);
        set.put("agentJvmArgs", System.getProperty("bench.agent-jvm-args", ""));
        log("work directory (agent logs): " + work);
        try (FakeClusterManager gke = new FakeClusterManager().start().addCluster(Bench.CLUSTER)) {
            gkeEndpoint = gke.startOnLoopback();
            TreeSet<Integer> sizes = new TreeSet<>(settings.scale);
            sizes.add(settings.latencyStacks);
            warmUpTestServer();
            startups();
            for (int n : sizes) {
                environment(n);
            }
            int gkeMutations = gke.mutatingCalls().size();
            report.section("gke").put("mutatingCalls", gkeMutations);
            report.row("gke", "mutating GKE calls (stacks have no node pools)", String.valueOf(gkeMutations));
        }
    }

    /**
     * Before anything is measured, a discarded first sync of {@value #WARM_UP_STACKS} stacks by an agent
     * of its own (stopped afterwards; the measured agents are new JVMs), then a discarded baseline run.
     * The test server stands in for a kube-apiserver, a long-running process whose code was compiled
     * long before the agent's first sync; it lives in this JVM, so without this the agent's first sync
     * — measured first — paid for compiling the server's paths (this JVM's C2 compiler threads), and the
     * baseline, run after it, found them warm. The agent's own warm-up is what the measured agents still
     * pay: each starts cold.
     */
    private void warmUpTestServer() throws Exception {
        long cpu0 = Bench.ownCpuMs();
        try (MockApiServer api = MockApiServer.start();
                GitDaemonProcess git = GitDaemonProcess.start(work.resolve("git-warm-up"));
                ConfigRepo repo = ConfigRepo.create(work.resolve("repo-warm-up"), git.url())) {
            repo.commitAndPush(Map.of("README.md", "benchmark stacks\n"), "no stacks yet");
            try (AgentProcess agent = startAgent(api, git, "1h", "1h", "warm-up")) {
                agent.awaitReady(READY_TIMEOUT);
                String sha = repo.commitAndPush(BenchStacks.files(WARM_UP_STACKS, "r0"), "warm-up");
                agent.pushWebhook(sha, git.url());
                ApiChecks.awaitAllObjects(api.client, WARM_UP_STACKS, Duration.ofSeconds(120 + WARM_UP_STACKS));
            }
        }
        Baseline.Result warm = Baseline.firstSync(WARM_UP_STACKS);
        log("test server warmed up: an agent's and the baseline's %d stacks, %d ms CPU in this JVM (not measured)".formatted(
                WARM_UP_STACKS, Bench.ownCpuMs() - cpu0));
        report.section("settings").put("testServerWarmUpStacks", WARM_UP_STACKS);
    }

    static final int WARM_UP_STACKS = 50;

    /**
     * {@code bench.startups} agents started one after the other on a cluster and a config repository without stacks,
     * each stopped once ready: process start -> {@code /q/health/ready} 200, and the agent's CPU until then. One start
     * varies by a few hundred milliseconds from the next on this kind of machine; {@code startup.readyMs} stays the one
     * start of the first scale step (as in earlier runs), {@code startup.readyMsMedian} is the median of these.
     */
    private void startups() throws Exception {
        if (settings.startups <= 0) {
            return;
        }
        Stats ready = new Stats();
        Stats cpu = new Stats();
        try (MockApiServer api = MockApiServer.start();
                GitDaemonProcess git = GitDaemonProcess.start(work.resolve("git-startups"));
                ConfigRepo repo = ConfigRepo.create(work.resolve("repo-startups"), git.url())) {
            repo.commitAndPush(Map.of("README.md", "benchmark stacks\n"), "no stacks yet");
            for (int i = 0; i < settings.startups; i++) {
                try (AgentProcess agent = startAgent(api, git, "1h", "1h", "startup-" + i)) {
                    ready.add(ms(agent.awaitReady(READY_TIMEOUT)));
                    cpu.add(agent.cpuTime().toMillis());
                }
            }
        }
        Map<String, Object> s = report.section("startup");
        s.put("starts", settings.startups);
        s.put("readyMsMedian", Stats.round(ready.percentile(50)));
        s.put("readyMsOfStarts", ready.toJson().get("samplesMs"));
        s.put("cpuUntilReadyMsMedian", Stats.round(cpu.percentile(50)));
        report.goal("e startup", "process start -> ready, median of %d starts (min-max)".formatted(settings.startups),
                "%.0f ms (%.0f-%.0f)".formatted(ready.percentile(50), ready.percentile(0), ready.max()), "< 2000 ms",
                ready.percentile(50) < 2000);
        report.row("e startup", "agent CPU until ready, median", "%.0f ms".formatted(cpu.percentile(50)));
        log("start-up: ready %s ms, CPU %s ms".formatted(ready.toJson().get("samplesMs"), cpu.toJson().get("samplesMs")));
    }

    /** One mock API server, git daemon and config repo with {@code n} stacks: scale, then the latency phases at their size. */
    void environment(int n) throws Exception {
        log("== %d stacks".formatted(n));
        Map<String, Object> scale = new LinkedHashMap<>();
        try (MockApiServer api = MockApiServer.start();
                GitDaemonProcess git = GitDaemonProcess.start(work.resolve("git-" + n));
                ConfigRepo repo = ConfigRepo.create(work.resolve("repo-" + n), git.url())) {
            repo.commitAndPush(Map.of("README.md", "benchmark stacks\n"), "no stacks yet");
            Map<String, String> revs = new HashMap<>();
            try (AgentProcess agent = startAgent(api, git, "1h", "1h", "first-" + n)) {
                Duration ready = agent.awaitReady(READY_TIMEOUT);
                long rssReady = agent.statusKib("VmRSS");
                log("ready in %.0f ms, RSS %d MiB".formatted(ms(ready), rssReady / 1024));
                if (n == first()) {
                    report.section("startup").putAll(Map.of("readyMs", Stats.round(ms(ready)), "rssAfterReadyMiB", rssReady / 1024));
                    report.row("e startup", "process start -> /q/health/ready 200 (JVM)", "%.0f ms".formatted(ms(ready)));
                    report.row("e startup", "resident memory when ready (VmRSS)", "%d MiB".formatted(rssReady / 1024));
                }
                api.requestsByMethod();
                long cpu0 = agent.cpuTime().toMillis();
                Map<String, Long> threads0 = agent.cpuMsByThread();
                Map<String, Long> benchThreads0 = Bench.cpuMsByThread(ProcessHandle.current().pid());
                long benchCpu0 = Bench.ownCpuMs();
                String sha = repo.commitAndPush(BenchStacks.files(n, "r0"), n + " stacks");
                long pushed = System.nanoTime();
                agent.pushWebhook(sha, git.url());
                ApiChecks.awaitAllObjects(api.client, n, Duration.ofSeconds(120 + n));
                double firstSync = ms(System.nanoTime() - pushed);
                long peakHeap = agent.peakHeapBytes();
                long cpu = agent.cpuTime().toMillis() - cpu0;
                long serverCpu = Bench.ownCpuMs() - benchCpu0;
                Map<String, Long> byThread = Bench.cpuDelta(threads0, agent.cpuMsByThread());
                Map<String, Long> serverByThread = Bench.cpuDelta(benchThreads0, Bench.cpuMsByThread(ProcessHandle.current().pid()));
                Map<String, Integer> requests = api.requestsByMethod();
                Map<String, Integer> agentRequests = new TreeMap<>(api.lastAgentRequests);
                long hwm = agent.statusKib("VmHWM");
                for (int i = 0; i < n; i++) {
                    revs.put(BenchStacks.namespace(i), "r0");
                }
                Baseline.Result base = Baseline.firstSync(n);
                double baseline = base.ms();
                Baseline.Result cold = Baseline.firstSyncColdJvm(n, AgentProcess.jvmArgs(), work.resolve("baseline-cold-" + n + ".log"));
                scale.put("stacks", n);
                scale.put("objects", n * BenchStacks.OBJECTS_PER_STACK);
                scale.put("agentFirstSyncMs", Stats.round(firstSync));
                scale.put("baselineMs", Stats.round(baseline));
                scale.put("ratio", Stats.round(firstSync / baseline * 100) / 100);
                // the same loop in a JVM of its own, started cold as the agent's is
                scale.put("coldBaselineMs", Stats.round(cold.ms()));
                scale.put("coldRatio", Stats.round(firstSync / cold.ms() * 100) / 100);
                scale.put("agentCpuMs", cpu);
                scale.put("agentCpuMsByThread", byThread);
                // the benchmark's JVM: the test server answering the agent, and the benchmark's polls
                scale.put("testServerCpuMs", serverCpu);
                scale.put("testServerCpuMsByThread", serverByThread);
                scale.put("peakHeapUsedMiB", peakHeap >> 20);
                scale.put("peakRssMiB", hwm / 1024);
                scale.put("requests", requests);
                // the agent's requests only (the benchmark's polls for "all objects exist" aside) against the plain loop's
                scale.put("agentRequests", agentRequests);
                scale.put("baselineRequests", base.requests());
                int agentTotal = MockApiServer.total(agentRequests);
                int baseTotal = Math.max(1, MockApiServer.total(base.requests()));
                scale.put("requestRatio", Stats.round((double) agentTotal / baseTotal * 100) / 100);
                log("first sync requests: agent %s = %d, baseline %s = %d (x%.2f)".formatted(agentRequests, agentTotal, base.requests(), baseTotal,
                        (double) agentTotal / baseTotal));
                log("first sync CPU: agent %d ms %s, test server (benchmark JVM) %d ms %s".formatted(cpu, byThread, serverCpu, serverByThread));
                log("first sync %.0f ms, baseline in a cold JVM of its own %.0f ms".formatted(firstSync, cold.ms()));
                log("first sync %.0f ms, baseline %.0f ms, peak heap %d MiB, peak RSS %d MiB".formatted(firstSync, baseline, peakHeap >> 20,
                        hwm / 1024));
                if (settings.scale.contains(n)) {
                    addScaleRows(scale);
                }
                if (n == settings.latencyStacks) {
                    webhookLatency(agent, api, git, repo, n, revs);
                    driftLatency(api, n, revs);
                }
            }
            if (n == settings.latencyStacks) {
                idleCost(api, git, n);
                pollingLatency(api, git, repo, n, revs);
            }
        }
    }

    /** The smallest environment, whose agent start-up is reported as (e). */
    private int first() {
        TreeSet<Integer> sizes = new TreeSet<>(settings.scale);
        sizes.add(settings.latencyStacks);
        return sizes.first();
    }

    @SuppressWarnings("unchecked")
    private void addScaleRows(Map<String, Object> scale) {
        List<Map<String, Object>> runs = (List<Map<String, Object>>) report.section("scale").computeIfAbsent("runs", k -> new ArrayList<>());
        runs.add(scale);
        int n = (int) scale.get("stacks");
        double ratio = (double) scale.get("ratio");
        report.row("d scale", n + " stacks: push -> all " + scale.get("objects") + " objects exist", scale.get("agentFirstSyncMs") + " ms");
        report.row("d scale", n + " stacks: agent CPU during first sync", scale.get("agentCpuMs") + " ms");
        report.row("d scale", n + " stacks: peak heap used (GC log) / peak RSS (VmHWM)",
                scale.get("peakHeapUsedMiB") + " / " + scale.get("peakRssMiB") + " MiB");
        report.row("f baseline", n + " stacks: plain fabric8 create loop", scale.get("baselineMs") + " ms");
        report.goal("f baseline", n + " stacks: agent first sync / baseline", "%.2fx".formatted(ratio), "<= 1.5x", ratio <= 1.5);
        report.row("f baseline", n + " stacks: the same loop in a cold JVM of its own (agent's JVM options)", scale.get("coldBaselineMs") + " ms");
        report.row("f baseline", n + " stacks: agent first sync / cold-JVM loop", "%.2fx".formatted((double) scale.get("coldRatio")));
        double requestRatio = (double) scale.get("requestRatio");
        report.goal("f baseline", n + " stacks: agent requests %s / baseline %s".formatted(scale.get("agentRequests"), scale.get("baselineRequests")),
                "%.2fx".formatted(requestRatio), "<= 1.5x", requestRatio <= 1.5);
        if (runs.size() > 1) {
            Map<String, Object> prev = runs.get(runs.size() - 2);
            double f = (double) n / (int) prev.get("stacks");
            double t = (double) scale.get("agentFirstSyncMs") / (double) prev.get("agentFirstSyncMs");
            double b = (double) scale.get("baselineMs") / (double) prev.get("baselineMs");
            double h = ((Number) scale.get("peakRssMiB")).doubleValue() / ((Number) prev.get("peakRssMiB")).doubleValue();
            scale.put("growthVsPrevious", Map.of("stacksFactor", f, "timeFactor", Stats.round(t), "baselineTimeFactor", Stats.round(b),
                    "peakRssFactor", Stats.round(h)));
            report.row("d scale", "growth %s -> %d stacks (x%.0f): time / baseline time / peak RSS".formatted(prev.get("stacks"), n, f),
                    "x%.1f / x%.1f / x%.2f".formatted(t, b, h));
        }
    }

    /** (a) commit -> push -> signed webhook -> the changed ConfigMap value visible in the API server. */
    void webhookLatency(AgentProcess agent, MockApiServer api, GitDaemonProcess git, ConfigRepo repo, int n, Map<String, String> revs)
            throws Exception {
        Stats latency = new Stats();
        Stats push = new Stats();
        for (int k = 0; k < settings.webhookCommits; k++) {
            int i = (k * 7) % n;
            String rev = "w" + k;
            long t0 = System.nanoTime();
            String sha = repo.commitAndPush(BenchStacks.settingsChange(i, rev), "webhook " + k);
            long pushed = System.nanoTime();
            push.add(ms(pushed - t0));
            agent.pushWebhook(sha, git.url());
            ApiChecks.awaitRev(api.client, i, rev);
            latency.add(ms(System.nanoTime() - pushed));
            revs.put(BenchStacks.namespace(i), rev);
        }
        Map<String, Object> s = report.section("webhook");
        s.put("stacks", n);
        s.put("pushToAppliedMs", latency.toJson());
        s.put("commitAndPushMs", push.toJson());
        log("webhook p50 %.0f ms p95 %.0f ms".formatted(latency.percentile(50), latency.percentile(95)));
        report.goal("a webhook", "push done -> applied, p50 (%d commits, %d stacks)".formatted(latency.count(), n),
                "%.0f ms".formatted(latency.percentile(50)), "~1 s", latency.percentile(50) <= 1000);
        report.goal("a webhook", "push done -> applied, p95", "%.0f ms".formatted(latency.percentile(95)), "~1 s",
                latency.percentile(95) <= 1000);
        report.row("a webhook", "commit + git push to git daemon, p50 (not in the above)", "%.0f ms".formatted(push.percentile(50)));
    }

    /** (b) an out-of-band edit of a field Git sets, made on the API server -> undone by the agent. */
    void driftLatency(MockApiServer api, int n, Map<String, String> revs) throws Exception {
        Stats latency = new Stats();
        for (int k = 0; k < settings.driftEdits; k++) {
            int i = (k * 11 + 3) % n;
            String ns = BenchStacks.namespace(i);
            String oob = "out-of-band-" + k;
            api.client.configMaps().inNamespace(ns).withName("settings").edit(cm -> {
                cm.getData().put("rev", oob);
                return cm;
            });
            long edited = System.nanoTime();
            ApiChecks.awaitRev(api.client, i, revs.get(ns));
            latency.add(ms(System.nanoTime() - edited));
            Thread.sleep(200);
        }
        Map<String, Object> s = report.section("drift");
        s.put("stacks", n);
        s.put("editToCorrectedMs", latency.toJson());
        log("drift p50 %.0f ms p95 %.0f ms".formatted(latency.percentile(50), latency.percentile(95)));
        report.row("b drift", "out-of-band edit -> undone, p50 (%d edits; watch debounce 500 ms)".formatted(latency.count()),
                "%.0f ms".formatted(latency.percentile(50)));
        report.row("b drift", "out-of-band edit -> undone, p95", "%.0f ms".formatted(latency.percentile(95)));
    }

    /**
     * (c) a fresh agent on the synced cluster with a short resync: requests, writes and CPU per idle
     * reconcile of n stacks. Twice: with the models as the test server leaves them (no KServe, so
     * never Ready: within their start-up allowance), then with a Ready status written as KServe would.
     */
    void idleCost(MockApiServer api, GitDaemonProcess git, int n) throws Exception {
        Duration resync = Bench.duration(settings.resyncInterval);
        Map<String, Object> s = report.section("idle");
        s.put("stacks", n);
        s.put("resyncInterval", settings.resyncInterval);
        try (AgentProcess agent = startAgent(api, git, "1h", settings.resyncInterval, "idle-" + n)) {
            api.requestsByMethod();
            agent.awaitReady(READY_TIMEOUT);
            awaitSyncs(agent, n, Duration.ofSeconds(120));
            Map<String, Integer> startSync = api.requestsByMethod();
            s.put("startSyncAfterRestartRequests", startSync);
            s.put("startSyncAfterRestartWrites", new TreeMap<>(api.lastWrites));
            report.goal("c idle", "writes to managed objects by the start sync of a restarted agent",
                    String.valueOf(managedWrites(api.lastWrites)), "0", managedWrites(api.lastWrites) == 0);
            Thread.sleep(1000);
            Map<String, Object> starting = idleWindow(agent, api, n, resync);
            s.put("modelsStarting", starting);
            Object before = ApiChecks.stackStatus(api.client, BenchStacks.name(0));
            ApiChecks.markModelsReady(api.client, n);
            Thread.sleep(resync.plusSeconds(3).toMillis());
            s.put("stackStatusWhileStarting", before);
            s.put("stackStatusWhenReady", ApiChecks.stackStatus(api.client, BenchStacks.name(0)));
            Map<String, Object> ready = idleWindow(agent, api, n, resync);
            s.put("modelsReady", ready);
            addIdleRows(n, "models Ready", ready);
            addIdleRows(n, "models starting (no KServe)", starting);
        }
    }

    private Map<String, Object> idleWindow(AgentProcess agent, MockApiServer api, int n, Duration resync) throws Exception {
        api.requestsByMethod();
        long syncs0 = agent.syncs();
        long cpu0 = agent.cpuTime().toMillis();
        Thread.sleep(resync.multipliedBy(settings.idleResyncs).toMillis());
        long cpu1 = agent.cpuTime().toMillis();
        long syncs1 = agent.syncs();
        Map<String, Integer> requests = api.requestsByMethod();
        double reconciles = (syncs1 - syncs0) / (double) n;
        if (reconciles < 0.5) {
            throw new IllegalStateException("no full resync seen in the idle window (" + (syncs1 - syncs0) + " syncs)");
        }
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("windowMs", resync.multipliedBy(settings.idleResyncs).toMillis());
        w.put("stackSyncs", syncs1 - syncs0);
        w.put("fullReconciles", Stats.round(reconciles));
        w.put("requests", requests);
        w.put("requestsPerReconcile", Stats.round(MockApiServer.total(requests) / reconciles));
        w.put("writes", MockApiServer.writes(requests));
        w.put("writesToManagedObjects", managedWrites(api.lastWrites));
        w.put("writeRequests", new TreeMap<>(api.lastWrites));
        w.put("cpuMsPerReconcile", Stats.round((cpu1 - cpu0) / reconciles));
        log("idle: " + w.get("fullReconciles") + " reconciles, " + w.get("requestsPerReconcile") + " requests and " + w.get("cpuMsPerReconcile")
                + " ms CPU each, " + w.get("writes") + " writes " + (api.lastWrites.size() > 3 ? api.lastWrites.keySet().iterator().next() + " ..."
                        : api.lastWrites.keySet()));
        return w;
    }

    private void addIdleRows(int n, String label, Map<String, Object> w) {
        int writes = (int) w.get("writes");
        report.row("c idle", "%s: API requests per idle reconcile of %d stacks %s".formatted(label, n, w.get("requests")),
                "%.0f".formatted((double) w.get("requestsPerReconcile")));
        report.goal("c idle", "%s: writes in %s idle reconciles (to managed objects: %s)".formatted(label, w.get("fullReconciles"),
                w.get("writesToManagedObjects")), String.valueOf(writes), "0", writes == 0);
        report.row("c idle", "%s: agent CPU per idle reconcile of %d stacks (incl. background)".formatted(label, n),
                "%.0f ms".formatted((double) w.get("cpuMsPerReconcile")));
    }

    /** Writes outside the agent's own namespace (its inventories, Stack resources, Events live there). */
    static int managedWrites(Map<String, Integer> writes) {
        return writes.entrySet().stream().filter(e -> !e.getKey().contains("/namespaces/" + Bench.AGENT_NAMESPACE + "/"))
                .mapToInt(Map.Entry::getValue).sum();
    }

    /** (a) polling: no webhook, the agent notices the commit at its next poll. */
    void pollingLatency(MockApiServer api, GitDaemonProcess git, ConfigRepo repo, int n, Map<String, String> revs) throws Exception {
        Duration interval = Bench.duration(settings.pollInterval);
        Stats latency = new Stats();
        try (AgentProcess agent = startAgent(api, git, settings.pollInterval, "1h", "poll-" + n)) {
            agent.awaitReady(READY_TIMEOUT);
            awaitSyncs(agent, n, Duration.ofSeconds(120));
            for (int k = 0; k < settings.pollCommits; k++) {
                Thread.sleep((k * 373L) % interval.toMillis());
                int i = (k * 13 + 5) % n;
                String rev = "p" + k;
                repo.commitAndPush(BenchStacks.settingsChange(i, rev), "poll " + k);
                long pushed = System.nanoTime();
                ApiChecks.awaitRev(api.client, i, rev);
                latency.add(ms(System.nanoTime() - pushed));
                revs.put(BenchStacks.namespace(i), rev);
            }
        }
        Map<String, Object> s = report.section("polling");
        s.put("stacks", n);
        s.put("pollInterval", settings.pollInterval);
        s.put("pushToAppliedMs", latency.toJson());
        log("polling p50 %.0f ms p95 %.0f ms".formatted(latency.percentile(50), latency.percentile(95)));
        report.row("a polling", "push done -> applied, p50 (%d commits, poll every %s)".formatted(latency.count(), settings.pollInterval),
                "%.0f ms".formatted(latency.percentile(50)));
        report.row("a polling", "push done -> applied, p95 (expect ~interval/2 + sync at p50)", "%.0f ms".formatted(latency.percentile(95)));
    }

    private AgentProcess startAgent(MockApiServer api, GitDaemonProcess git, String poll, String resync, String name) throws Exception {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("quarkus.kubernetes-client.api-server-url", api.url());
        p.put("quarkus.kubernetes-client.trust-certs", "true");
        p.put("quarkus.kubernetes-client.namespace", Bench.AGENT_NAMESPACE);
        p.put("stack-agent.namespace", Bench.AGENT_NAMESPACE);
        p.put("stack-agent.cluster.project", Bench.CLUSTER.project());
        p.put("stack-agent.cluster.location", Bench.CLUSTER.location());
        p.put("stack-agent.cluster.name", Bench.CLUSTER.name());
        p.put("stack-agent.git.url", git.url());
        p.put("stack-agent.git.cache-dir", work.resolve("cache-" + (++agents)).toString());
        p.put("stack-agent.git.poll-interval", poll);
        p.put("stack-agent.resync-interval", resync);
        p.put("stack-agent.gke.endpoint", gkeEndpoint);
        p.put("stack-agent.gke.plaintext", "true");
        p.put("stack-agent.gke.poll-interval", "1h");
        p.put("stack-agent.leader-election.enabled", "false");
        log("starting agent " + name + " (poll " + poll + ", resync " + resync + ")");
        return AgentProcess.start(jar, p, work.resolve("agent-" + name + ".log"));
    }

    static void awaitSyncs(AgentProcess agent, long atLeast, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (agent.syncs() < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + agent.syncs() + " syncs after " + timeout + ": see " + agent.log);
            }
            Thread.sleep(100);
        }
    }

    void finish(boolean ok) throws Exception {
        Machine.loadAtEnd(report.section("machine"));
        report.json.put("completed", ok);
        System.out.println();
        System.out.println(report.table());
        Path out = settings.out.isBlank()
                ? Path.of("docs", "bench-results", DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC).format(Instant.now()) + ".json")
                : Path.of(settings.out);
        report.write(out);
        System.out.println("JSON: " + out.toAbsolutePath());
        System.out.println("agent logs: " + work);
    }

    static void log(String line) {
        System.out.println("[bench] " + line);
    }
}
