/*
 * What glibc's sem_post costs the old GIL's holder while a thread is inside sem_wait
 * (source: m-futex-wake).
 *
 * glibc's sem_post calls futex_wake whenever the semaphore's nwaiters count is non-zero,
 * whether or not that waiter is asleep in the kernel (nptl/sem_post.c). CPython 2.7 on Linux
 * releases and re-takes its GIL semaphore at every check, so while another thread waits every
 * check pays this syscall. Measured: futex_wake with nobody asleep on the word, an uncontended
 * sem_post + sem_wait pair, and a trivial syscall for scale; a million of each.
 * Build and run: gcc -O2 -pthread futex-wake.c -o futex-wake && ./futex-wake
 */
#include <linux/futex.h>
#include <semaphore.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

enum { N = 1000000 };

static double now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e9 + t.tv_nsec;
}

int main(void) {
  int word = 0;
  double start = now_ns();
  for (int i = 0; i < N; i++) syscall(SYS_futex, &word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
  double wake = (now_ns() - start) / N;

  sem_t sem;
  sem_init(&sem, 0, 1);
  start = now_ns();
  for (int i = 0; i < N; i++) {
    sem_post(&sem);
    sem_wait(&sem);
  }
  double pair = (now_ns() - start) / N;

  start = now_ns();
  for (int i = 0; i < N; i++) syscall(SYS_getppid);
  double trivial = (now_ns() - start) / N;

  printf("{\"futexWakeNobodyNs\": %.0f, \"semPostWaitUncontendedNs\": %.1f, \"getppidNs\": %.0f}\n", wake, pair, trivial);
  return 0;
}
