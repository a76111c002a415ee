/*
 * What waking a sleeping thread costs on this machine (sources: m-idle-wake, m-wake-signal).
 *
 * One thread sleeps on a condition variable (a futex) while the other spins for a
 * while, then signals it. Measured, 400 times per sleep length:
 *   - wake-up latency: from just before pthread_cond_signal until the woken thread runs;
 *   - signal cost: how long pthread_cond_signal itself takes the waker (on a VM, waking
 *     a thread whose CPU has gone idle interrupts that CPU, which traps to the host).
 * Build and run: gcc -O2 -pthread wake.c -o wake && ./wake     (taskset -c 0 ./wake: one CPU)
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

enum { SAMPLES = 400 };
static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int go = 0, asleep = 0;
static atomic_long woke_at;

static long now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000000000L + t.tv_nsec;
}

static void *sleeper(void *unused) {
  (void)unused;
  for (;;) {
    pthread_mutex_lock(&mutex);
    asleep = 1;
    while (!go) pthread_cond_wait(&cond, &mutex);
    go = 0;
    asleep = 0;
    woke_at = now_ns();
    pthread_mutex_unlock(&mutex);
  }
  return NULL;
}

static int by_value(const void *a, const void *b) {
  long x = *(const long *)a, y = *(const long *)b;
  return (x > y) - (x < y);
}

int main(void) {
  static const long sleeps_us[] = {5, 20, 50, 200, 1000};
  pthread_t thread;
  pthread_create(&thread, NULL, sleeper, NULL);
  printf("asleep for   wake-up latency (median, p10-p90)   signal cost to the waker (median)\n");
  for (size_t s = 0; s < sizeof sleeps_us / sizeof *sleeps_us; s++) {
    long latency[SAMPLES], signal[SAMPLES];
    for (int i = 0; i < SAMPLES; i++) {
      for (;;) {  // until it sleeps
        pthread_mutex_lock(&mutex);
        int ready = asleep && !go;
        pthread_mutex_unlock(&mutex);
        if (ready) break;
      }
      long spin_from = now_ns();
      while (now_ns() - spin_from < sleeps_us[s] * 1000L) {}
      woke_at = 0;
      pthread_mutex_lock(&mutex);
      go = 1;
      long signalled_at = now_ns();
      pthread_cond_signal(&cond);
      signal[i] = now_ns() - signalled_at;
      pthread_mutex_unlock(&mutex);
      while (!woke_at) {}
      latency[i] = woke_at - signalled_at;
    }
    qsort(latency, SAMPLES, sizeof *latency, by_value);
    qsort(signal, SAMPLES, sizeof *signal, by_value);
    printf("%6ld us    %6.1f us (%5.1f-%5.1f)                    %5.1f us\n", sleeps_us[s],
      latency[SAMPLES / 2] / 1e3, latency[SAMPLES / 10] / 1e3, latency[9 * SAMPLES / 10] / 1e3, signal[SAMPLES / 2] / 1e3);
  }
  return 0;
}
