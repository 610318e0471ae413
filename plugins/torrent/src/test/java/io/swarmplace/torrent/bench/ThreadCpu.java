package io.swarmplace.torrent.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of this JVM's threads grouped by role (network event loops, disk threads, the rest) and the
 * JIT compilers' time, between two snapshots: where our engine's time goes. Threads that ended between the snapshots are not counted,
 * so take the second one before stopping the engine.
 */
final class ThreadCpu {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> before = new HashMap<>();
    private final Map<Long, Long> userBefore = new HashMap<>();
    private long compilingMillis;

    void start() {
        before.clear();
        userBefore.clear();
        compilingMillis = compilingMillis();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                before.put(info.getThreadId(), Math.max(0, threads.getThreadCpuTime(info.getThreadId())));
                userBefore.put(info.getThreadId(), Math.max(0, threads.getThreadUserTime(info.getThreadId())));
            }
        }
    }

    /**
     * Seconds of CPU per role since {@link #start}, with the part spent in the kernel (system calls, page
     * faults), e.g. "network 1.20 s (kernel 0.40 s), disk 0.85 s (kernel 0.30 s), other 0.10 s (kernel 0.01 s)".
     */
    String describe() {
        Map<String, Long> byRole = new TreeMap<>();
        Map<String, Long> userByRole = new TreeMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long now = threads.getThreadCpuTime(info.getThreadId());
            if (now < 0) {
                continue;
            }
            byRole.merge(role(info.getThreadName()), now - before.getOrDefault(info.getThreadId(), 0L), Long::sum);
            userByRole.merge(role(info.getThreadName()),
                    Math.max(0, threads.getThreadUserTime(info.getThreadId())) - userBefore.getOrDefault(info.getThreadId(), 0L),
                    Long::sum);
        }
        StringBuilder text = new StringBuilder();
        byRole.forEach((role, nanos) -> text.append(text.length() == 0 ? "" : ", ")
                .append(String.format(Locale.ROOT, "%s %.2f s (kernel %.2f s)", role, nanos / 1e9,
                        (nanos - userByRole.get(role)) / 1e9)));
        text.append(String.format(Locale.ROOT, ", JIT compiling %.2f s", (compilingMillis() - compilingMillis) / 1e3));
        return text.toString();
    }

    private static long compilingMillis() {
        var compiler = ManagementFactory.getCompilationMXBean();
        return compiler != null && compiler.isCompilationTimeMonitoringSupported() ? compiler.getTotalCompilationTime() : 0;
    }

    private static String role(String name) {
        if (name.startsWith("multiThreadIoEventLoopGroup")) {
            return "network";
        }
        if (name.startsWith("swarmplace-disk")) {
            return "disk";
        }
        return "other";
    }
}
