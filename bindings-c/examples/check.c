/*
 * Check a JSON file against a target and print what is wrong: the example
 * of bindings-c/README.md, also built by scripts/test-c.sh through
 * pkg-config.
 *
 *     check TARGET FILE      e.g. check CreateIdentityPool pool.json
 *
 * Exit status: 0 valid, 1 invalid, 2 misuse or unreadable file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <idpool.h>

static char *read_all(const char *path, size_t *len_out) {
    FILE *file = fopen(path, "rb");
    char *data = NULL;
    size_t len = 0, cap = 0, got;
    if (file == NULL) {
        return NULL;
    }
    do {
        if (len == cap) {
            char *bigger;
            cap = cap ? cap * 2 : 4096;
            bigger = (char *)realloc(data, cap);
            if (bigger == NULL) {
                free(data);
                fclose(file);
                return NULL;
            }
            data = bigger;
        }
        got = fread(data + len, 1, cap - len, file);
        len += got;
    } while (got > 0);
    fclose(file);
    *len_out = len;
    return data;
}

/* Print every issue of one list: `error[code] /path: message`. */
static void print_issues(const idpool_report *report, const char *kind,
                         size_t count,
                         idpool_result (*code_of)(const idpool_report *, size_t,
                                                  const char **, size_t *),
                         idpool_result (*path_of)(const idpool_report *, size_t,
                                                  const char **, size_t *),
                         idpool_result (*message_of)(const idpool_report *,
                                                     size_t, const char **,
                                                     size_t *)) {
    size_t i;
    for (i = 0; i < count; i++) {
        const char *code, *path, *message;
        size_t code_len, path_len, message_len;
        if (code_of(report, i, &code, &code_len) == IDPOOL_RESULT_OK &&
            path_of(report, i, &path, &path_len) == IDPOOL_RESULT_OK &&
            message_of(report, i, &message, &message_len) == IDPOOL_RESULT_OK) {
            /* Lengths, not strlen: a path or message may contain NUL. */
            printf("  %s[%.*s] %.*s: %.*s\n", kind, (int)code_len, code,
                   (int)path_len, path, (int)message_len, message);
        }
    }
}

int main(int argc, char **argv) {
    idpool_report *report = NULL;
    idpool_result result;
    size_t len = 0;
    char *json;
    if (argc != 3) {
        fprintf(stderr, "usage: %s TARGET FILE\n", argv[0]);
        return 2;
    }
    json = read_all(argv[2], &len);
    if (json == NULL) {
        perror(argv[2]);
        return 2;
    }
    result = idpool_check((const uint8_t *)argv[1], strlen(argv[1]),
                          (const uint8_t *)json, len, &report);
    free(json); /* the report keeps no pointer into the input */
    if (result != IDPOOL_RESULT_OK && result != IDPOOL_RESULT_INVALID) {
        fprintf(stderr, "%s: %s\n", argv[1], idpool_result_str(result));
        return 2;
    }
    printf("%s: %s (%lu errors, %lu warnings; libidpool %s)\n", argv[1],
           idpool_report_ok(report) ? "valid" : "invalid",
           (unsigned long)idpool_report_error_count(report),
           (unsigned long)idpool_report_warning_count(report),
           idpool_version());
    print_issues(report, "error", idpool_report_error_count(report),
                 idpool_report_error_code, idpool_report_error_path,
                 idpool_report_error_message);
    print_issues(report, "warning", idpool_report_warning_count(report),
                 idpool_report_warning_code, idpool_report_warning_path,
                 idpool_report_warning_message);
    idpool_report_free(report);
    return result == IDPOOL_RESULT_OK ? 0 : 1;
}
