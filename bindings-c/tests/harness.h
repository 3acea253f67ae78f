/*
 * A tiny test harness for the C tests of libidpool (C99, no dependencies).
 * EXPECT records a failure and goes on; the program's exit status is the
 * verdict (see finish()).
 */
#ifndef IDPOOL_TEST_HARNESS_H
#define IDPOOL_TEST_HARNESS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "idpool.h"

static unsigned long harness_checks = 0;
static unsigned long harness_failures = 0;

/* EXPECT(condition, printf-format, args...): count a check; on failure,
 * print where and why, and count a failure. */
#define EXPECT(condition, ...)                                                 \
    do {                                                                       \
        harness_checks++;                                                      \
        if (!(condition)) {                                                    \
            harness_failures++;                                                \
            fprintf(stderr, "%s:%d: failed: %s: ", __FILE__, __LINE__,         \
                    #condition);                                               \
            fprintf(stderr, __VA_ARGS__);                                      \
            fputc('\n', stderr);                                               \
        }                                                                      \
    } while (0)

/* EXPECT_RESULT(call, expected): the call returns the expected code. */
#define EXPECT_RESULT(call, expected)                                          \
    do {                                                                       \
        idpool_result harness_got = (call);                                    \
        idpool_result harness_want = (expected);                               \
        EXPECT(harness_got == harness_want, "got %u (%s), expected %u (%s)",   \
               (unsigned)harness_got, idpool_result_str(harness_got),          \
               (unsigned)harness_want, idpool_result_str(harness_want));       \
    } while (0)

/* A string literal or C string as the (const uint8_t *, size_t) pair the
 * library takes. */
#define TEXT(s) (const uint8_t *)(s), strlen(s)

/* True when `needle` (n bytes) occurs in `haystack` (h bytes). */
static int harness_contains(const char *haystack, size_t h, const char *needle,
                            size_t n) {
    size_t i;
    if (n > h) {
        return 0;
    }
    for (i = 0; i + n <= h; i++) {
        if (memcmp(haystack + i, needle, n) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Print the totals; the exit status for main. */
static int harness_finish(const char *suite) {
    if (harness_failures > 0) {
        fprintf(stderr, "%s: %lu of %lu checks failed\n", suite,
                harness_failures, harness_checks);
        return 1;
    }
    printf("%s: all %lu checks passed\n", suite, harness_checks);
    return 0;
}

#endif /* IDPOOL_TEST_HARNESS_H */
