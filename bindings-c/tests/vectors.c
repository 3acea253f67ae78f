/*
 * Runs every shared conformance vector (the files in tests/vectors) and the
 * random corpus (tests/corpus/random-reports.jsonl), flattened by
 * flatten-vectors.py, through libidpool and compares each report with the
 * Rust report byte for byte: the whole JSON, the result code, ok, and the
 * code, path and message of every error and warning through the
 * accessors. Also reads the optional members (normalized, decision, plan,
 * audit)
 * and checks they are the very text of that member in the whole JSON.
 *
 *     vectors RECORD_FILE LABEL
 */
#include "harness.h"

typedef struct {
    const char *data;
    size_t len;
} field;

typedef struct {
    const char *at;
    const char *end;
} reader;

static void die(const char *why) {
    fprintf(stderr, "vectors: malformed record file: %s\n", why);
    exit(2);
}

static field next_field(reader *r) {
    size_t len = 0;
    field f;
    if (r->at >= r->end || *r->at == '\n') {
        die("expected a length");
    }
    while (r->at < r->end && *r->at != '\n') {
        if (*r->at < '0' || *r->at > '9') {
            die("a length is not a number");
        }
        len = len * 10 + (size_t)(*r->at - '0');
        r->at++;
    }
    r->at++; /* the newline */
    if (r->at > r->end || (size_t)(r->end - r->at) < len + 1) {
        die("a field runs past the end");
    }
    f.data = r->at;
    f.len = len;
    r->at += len;
    if (*r->at != '\n') {
        die("a field does not end with a newline");
    }
    r->at++;
    return f;
}

static size_t number(field f) {
    size_t value = 0, i;
    for (i = 0; i < f.len; i++) {
        value = value * 10 + (size_t)(f.data[i] - '0');
    }
    return value;
}

static int is(field f, const char *text) {
    return f.len == strlen(text) && memcmp(f.data, text, f.len) == 0;
}

static int same(const char *text, size_t len, field f) {
    return len == f.len && memcmp(text, f.data, len) == 0;
}

static char *read_file(const char *path, size_t *len_out) {
    FILE *file = fopen(path, "rb");
    char *data = NULL;
    size_t len = 0, cap = 0, got;
    if (file == NULL) {
        perror(path);
        exit(2);
    }
    do {
        if (len == cap) {
            char *bigger;
            cap = cap ? cap * 2 : 1 << 20;
            bigger = (char *)realloc(data, cap);
            if (bigger == NULL) {
                die("out of memory");
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

/* The name of the case, for failure messages. */
static field current_file, current_name;

#define CASE_FMT "%.*s: %.*s: "
#define CASE_ARGS                                                              \
    (int)current_file.len, current_file.data, (int)current_name.len,          \
        current_name.data

/* Where two texts first differ, with some context. */
static void show_difference(const char *got, size_t got_len, field want) {
    size_t i = 0;
    size_t from;
    while (i < got_len && i < want.len && got[i] == want.data[i]) {
        i++;
    }
    from = i > 60 ? i - 60 : 0;
    fprintf(stderr,
            "  first difference at byte %lu (lengths %lu and %lu)\n"
            "  got      ...%.*s\n  expected ...%.*s\n",
            (unsigned long)i, (unsigned long)got_len, (unsigned long)want.len,
            (int)((got_len - from) < 160 ? got_len - from : 160), got + from,
            (int)((want.len - from) < 160 ? want.len - from : 160),
            want.data + from);
}

typedef idpool_result (*issue_accessor)(const idpool_report *, size_t,
                                        const char **, size_t *);

/* The issues of one list: the count, then code, path and message of each,
 * and INDEX_OUT_OF_RANGE (nothing written) just past the end. */
static void compare_issues(reader *r, const idpool_report *report,
                           size_t count, issue_accessor accessors[3],
                           const char *kind) {
    size_t expected = number(next_field(r));
    size_t i;
    int part;
    EXPECT(count == expected, CASE_FMT "%lu %s, expected %lu", CASE_ARGS,
           (unsigned long)count, kind, (unsigned long)expected);
    for (i = 0; i < expected; i++) {
        for (part = 0; part < 3; part++) {
            field want = next_field(r);
            const char *text = NULL;
            size_t len = 0;
            idpool_result rc = accessors[part](report, i, &text, &len);
            EXPECT(rc == IDPOOL_RESULT_OK, CASE_FMT "%s %lu part %d: %s",
                   CASE_ARGS, kind, (unsigned long)i, part,
                   idpool_result_str(rc));
            if (rc == IDPOOL_RESULT_OK) {
                EXPECT(text[len] == '\0', CASE_FMT "not NUL-terminated",
                       CASE_ARGS);
                EXPECT(same(text, len, want),
                       CASE_FMT "%s %lu part %d: got \"%.*s\", expected "
                                "\"%.*s\"",
                       CASE_ARGS, kind, (unsigned long)i, part, (int)len, text,
                       (int)want.len, want.data);
            }
        }
    }
    for (part = 0; part < 3; part++) {
        const char *text = NULL;
        size_t len = 12345;
        EXPECT_RESULT(accessors[part](report, expected, &text, &len),
                      IDPOOL_RESULT_INDEX_OUT_OF_RANGE);
        EXPECT(text == NULL && len == 12345,
               CASE_FMT "an out-parameter was written on failure", CASE_ARGS);
    }
}

typedef idpool_result (*member_accessor)(const idpool_report *, const char **,
                                         size_t *);

/* An optional member: when present, `"name":` + its text occurs in the
 * whole JSON; when absent, ABSENT and nothing written. */
static void compare_member(const idpool_report *report, const char *json,
                           size_t json_len, member_accessor accessor,
                           const char *name) {
    const char *text = NULL;
    size_t len = 12345;
    idpool_result rc = accessor(report, &text, &len);
    if (rc == IDPOOL_RESULT_ABSENT) {
        EXPECT(text == NULL && len == 12345,
               CASE_FMT "an out-parameter was written on failure", CASE_ARGS);
        return;
    }
    EXPECT(rc == IDPOOL_RESULT_OK, CASE_FMT "%s: %s", CASE_ARGS, name,
           idpool_result_str(rc));
    if (rc == IDPOOL_RESULT_OK) {
        size_t name_len = strlen(name);
        char *needle = (char *)malloc(name_len + 3 + len);
        if (needle == NULL) {
            die("out of memory");
        }
        needle[0] = '"';
        memcpy(needle + 1, name, name_len);
        memcpy(needle + 1 + name_len, "\":", 2);
        memcpy(needle + 3 + name_len, text, len);
        EXPECT(text[len] == '\0', CASE_FMT "not NUL-terminated", CASE_ARGS);
        EXPECT(harness_contains(json, json_len, needle, name_len + 3 + len),
               CASE_FMT "%s is not the text of that member", CASE_ARGS, name);
        free(needle);
    }
}

/* How many records came from the random corpus (a .jsonl file). */
static size_t random_inputs = 0;

static void run_record(reader *r) {
    field operation, target, input, extra, ok, expected_json;
    idpool_report *report = NULL;
    idpool_result rc, expected_rc;
    const char *json = NULL;
    size_t json_len = 0;
    issue_accessor error_accessors[3] = {idpool_report_error_code,
                                         idpool_report_error_path,
                                         idpool_report_error_message};
    issue_accessor warning_accessors[3] = {idpool_report_warning_code,
                                           idpool_report_warning_path,
                                           idpool_report_warning_message};

    current_file = next_field(r);
    current_name = next_field(r);
    if (current_file.len > 6 &&
        memcmp(current_file.data + current_file.len - 6, ".jsonl", 6) == 0) {
        random_inputs++;
    }
    operation = next_field(r);
    target = next_field(r);
    input = next_field(r);
    extra = next_field(r);
    ok = next_field(r);
    expected_json = next_field(r);

    if (is(operation, "check")) {
        rc = idpool_check((const uint8_t *)target.data, target.len,
                          (const uint8_t *)input.data, input.len, &report);
    } else if (is(operation, "check_pool")) {
        rc = idpool_check_with_pool(
            (const uint8_t *)target.data, target.len,
            (const uint8_t *)input.data, input.len,
            (const uint8_t *)extra.data, extra.len, &report);
    } else if (is(operation, "plan")) {
        rc = idpool_plan_update((const uint8_t *)input.data, input.len,
                                (const uint8_t *)extra.data, extra.len,
                                &report);
    } else if (is(operation, "resolve")) {
        rc = idpool_resolve_credentials((const uint8_t *)input.data,
                                        input.len, &report);
    } else if (is(operation, "audit")) {
        rc = idpool_audit_trust((const uint8_t *)input.data, input.len,
                                &report);
    } else {
        fprintf(stderr, CASE_FMT "operation %.*s is not supported\n",
                CASE_ARGS, (int)operation.len, operation.data);
        exit(2);
    }

    expected_rc = is(ok, "1") ? IDPOOL_RESULT_OK : IDPOOL_RESULT_INVALID;
    EXPECT(rc == expected_rc, CASE_FMT "result %s, expected %s", CASE_ARGS,
           idpool_result_str(rc), idpool_result_str(expected_rc));
    if (report == NULL) {
        fprintf(stderr, CASE_FMT "no report written\n", CASE_ARGS);
        exit(1);
    }
    EXPECT(idpool_report_ok(report) == (expected_rc == IDPOOL_RESULT_OK),
           CASE_FMT "idpool_report_ok disagrees", CASE_ARGS);

    EXPECT_RESULT(idpool_report_json(report, &json, &json_len),
                  IDPOOL_RESULT_OK);
    if (json != NULL) {
        EXPECT(json[json_len] == '\0', CASE_FMT "JSON not NUL-terminated",
               CASE_ARGS);
        if (!same(json, json_len, expected_json)) {
            EXPECT(0, CASE_FMT "the report differs from the Rust report",
                   CASE_ARGS);
            show_difference(json, json_len, expected_json);
        } else {
            harness_checks++;
        }
    }

    compare_issues(r, report, idpool_report_error_count(report),
                   error_accessors, "errors");
    compare_issues(r, report, idpool_report_warning_count(report),
                   warning_accessors, "warnings");

    if (json != NULL) {
        compare_member(report, json, json_len, idpool_report_normalized_json,
                       "normalized");
        compare_member(report, json, json_len, idpool_report_decision_json,
                       "decision");
        compare_member(report, json, json_len, idpool_report_plan_json,
                       "plan");
        compare_member(report, json, json_len, idpool_report_audit_json,
                       "audit");
    }
    {
        const char *arn = NULL;
        size_t arn_len = 0;
        const char *decision = NULL;
        size_t decision_len = 0;
        idpool_result has_arn =
            idpool_report_decision_role_arn(report, &arn, &arn_len);
        idpool_result has_decision =
            idpool_report_decision_json(report, &decision, &decision_len);
        EXPECT(has_arn == has_decision,
               CASE_FMT "role ARN and decision disagree", CASE_ARGS);
        if (has_arn == IDPOOL_RESULT_OK && has_decision == IDPOOL_RESULT_OK) {
            EXPECT(harness_contains(decision, decision_len, arn, arn_len),
                   CASE_FMT "the role ARN is not the decision's", CASE_ARGS);
        }
    }
    idpool_report_free(report);
}

int main(int argc, char **argv) {
    size_t len, count, i;
    char *data;
    reader r;
    char suite[128];
    if (argc != 3) {
        fprintf(stderr, "usage: %s RECORD_FILE LABEL\n", argv[0]);
        return 2;
    }
    data = read_file(argv[1], &len);
    r.at = data;
    r.end = data + len;
    if (len < 17 || memcmp(data, "idpool-vectors 1\n", 17) != 0) {
        die("not an idpool-vectors 1 file");
    }
    r.at += 17;
    count = number(next_field(&r));
    for (i = 0; i < count; i++) {
        run_record(&r);
    }
    if (r.at != r.end) {
        die("data after the last record");
    }
    free(data);
    EXPECT(count > 0, "no vectors");
    snprintf(suite, sizeof suite,
             "C runner (%s): %lu vectors and %lu random inputs", argv[2],
             (unsigned long)(count - random_inputs),
             (unsigned long)random_inputs);
    return harness_finish(suite);
}
