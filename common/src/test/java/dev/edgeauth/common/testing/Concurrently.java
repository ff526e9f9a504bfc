package dev.edgeauth.common.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * Test fixture: runs {@code n} blocking calls at once, on an executor of its own with
 * {@code n} threads, all released together. A concurrency test on the common pool runs
 * only as many calls at a time as the machine has cores, so the race it claims to provoke
 * may never happen.
 */
public final class Concurrently {

    private static final long TIMEOUT_SECONDS = 60;

    private Concurrently() {
    }

    /**
     * Runs the calls and returns their results in call order.
     * @param <T> a call's result
     * @param count how many calls (and threads)
     * @param call the call, given its index
     * @return the results
     */
    public static <T> List<T> run(int count, IntFunction<T> call) {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(threads.submit(() -> {
                    start.await();
                    return call.apply(index);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>(count);
            for (Future<T> future : futures) {
                results.add(future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            }
            return results;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new IllegalStateException("A concurrent call failed or hung", ex);
        }
        finally {
            threads.shutdownNow();
        }
    }

}
