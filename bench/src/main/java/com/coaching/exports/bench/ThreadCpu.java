package com.coaching.exports.bench;

import com.coaching.exports.embedded.EmbeddedServices;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.jspecify.annotations.Nullable;

/**
 * The CPU time of the benchmark's JVM, split by whom its threads work for. The JVM holds the API, the
 * stand-ins and the benchmark's own client: each stand-in's threads are in its thread group ({@link
 * EmbeddedServices#THREAD_GROUP_PREFIX}), the client's in {@link #CLIENT_GROUP}, and every other
 * Java thread is the API's. What the Java threads do not account for (garbage collection, the VM's
 * own threads, threads that ended meanwhile) is {@code bench_jvm_other}; the JIT compiler threads
 * are {@code bench_jit}, as in {@link ProcessCpu}.
 */
final class ThreadCpu {

    /** The thread group the benchmark's measurements, and the HTTP clients they start, run in. */
    static final String CLIENT_GROUP = "bench-client";

    private ThreadCpu() {}

    /** Runs {@code work} on a thread of {@link #CLIENT_GROUP}, which the threads it starts inherit; waits for it. */
    static void asClient(Callable<?> work) throws Exception {
        FutureTask<?> task = new FutureTask<>(work);
        new Thread(new ThreadGroup(CLIENT_GROUP), task, "bench-client").start();
        try {
            task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception failure) {
                throw failure;
            }
            throw e;
        }
    }

    /** Milliseconds of CPU so far: {@code api}, {@code client}, each stand-in, {@code bench_jit}, {@code bench_jvm_other}. */
    static Map<String, Double> sample() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Double> ms = new LinkedHashMap<>();
        ms.put("api", 0.0);
        ms.put("client", 0.0);
        double javaThreads = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            long nanos = threads.getThreadCpuTime(thread.getId());
            if (nanos > 0) {
                ms.merge(part(thread.getThreadGroup()), nanos / 1e6, Double::sum);
                javaThreads += nanos / 1e6;
            }
        }
        long self = ProcessHandle.current().pid();
        double jit = ProcessCpu.compilerMs(self);
        ms.put("bench_jit", jit);
        ms.put("bench_jvm_other", Math.max(0, ProcessCpu.ms(self) - javaThreads - jit));
        return ms;
    }

    /** What a thread works for, from its thread group and that group's parents. */
    private static String part(@Nullable ThreadGroup group) {
        for (ThreadGroup at = group; at != null; at = at.getParent()) {
            String name = at.getName();
            if (name.equals(CLIENT_GROUP)) {
                return "client";
            }
            if (name.startsWith(EmbeddedServices.THREAD_GROUP_PREFIX)) {
                return name.substring(EmbeddedServices.THREAD_GROUP_PREFIX.length());
            }
        }
        return "api";
    }
}
