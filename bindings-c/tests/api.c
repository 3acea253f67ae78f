/*
 * The API beyond the vectors: misuse and hostile input (NULL everywhere,
 * invalid UTF-8, embedded NUL, 10 MiB input, deep nesting, indexes out of
 * range, _free(NULL)), limits, ids, SAML roles, plans, credentials, and
 * one checker and one report shared by several threads.
 *
 *     api
 */
#include <pthread.h>

#include "harness.h"

#define POOL_ID "us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
#define IDENTITY_ID "us-east-1:5a7d74f5-93d8-4586-b59c-8f2a25d9f696"
#define MIB ((size_t)1 << 20)

static const char POOL[] =
    "{\"IdentityPoolId\":\"" POOL_ID "\",\"IdentityPoolName\":\"Photos\","
    "\"AllowUnauthenticatedIdentities\":true,"
    "\"SupportedLoginProviders\":{\"graph.facebook.com\":\"123\"}}";

/* A base64 SAML response offering two roles of provider Corp. */
static const char SAML_TWO_ROLES[] =
    "PHNhbWxwOlJlc3BvbnNlIHhtbG5zOnNhbWxwPSJ1cm46b2FzaXM6bmFtZXM6dGM6U0FNTDoy"
    "LjA6cHJvdG9jb2wiIHhtbG5zOnNhbWw9InVybjpvYXNpczpuYW1lczp0YzpTQU1MOjIuMDph"
    "c3NlcnRpb24iPjxzYW1sOkFzc2VydGlvbj48c2FtbDpBdHRyaWJ1dGVTdGF0ZW1lbnQ+PHNh"
    "bWw6QXR0cmlidXRlIE5hbWU9Imh0dHBzOi8vYXdzLmFtYXpvbi5jb20vU0FNTC9BdHRyaWJ1"
    "dGVzL1JvbGUiPjxzYW1sOkF0dHJpYnV0ZVZhbHVlPmFybjphd3M6aWFtOjoxMjM0NTY3ODkw"
    "MTI6c2FtbC1wcm92aWRlci9Db3JwLGFybjphd3M6aWFtOjoxMjM0NTY3ODkwMTI6cm9sZS9E"
    "ZXY8L3NhbWw6QXR0cmlidXRlVmFsdWU+PHNhbWw6QXR0cmlidXRlVmFsdWU+YXJuOmF3czpp"
    "YW06OjEyMzQ1Njc4OTAxMjpyb2xlL09wcyxhcm46YXdzOmlhbTo6MTIzNDU2Nzg5MDEyOnNh"
    "bWwtcHJvdmlkZXIvQ29ycDwvc2FtbDpBdHRyaWJ1dGVWYWx1ZT48L3NhbWw6QXR0cmlidXRl"
    "Pjwvc2FtbDpBdHRyaWJ1dGVTdGF0ZW1lbnQ+PC9zYW1sOkFzc2VydGlvbj48L3NhbWxwOlJl"
    "c3BvbnNlPg==";

/* A literal and its length, for harness_contains. */
#define TEXT_OF(s) (s), strlen(s)

/* A stand-in address: an out-parameter that must not be written keeps it. */
static int sentinel_storage;
#define SENTINEL ((void *)&sentinel_storage)

/* Run idpool_check and return the report (never NULL for OK/INVALID). */
static idpool_report *check(const char *target, const char *json,
                            size_t json_len, idpool_result expected) {
    idpool_report *report = NULL;
    EXPECT_RESULT(idpool_check(TEXT(target), (const uint8_t *)json, json_len,
                               &report),
                  expected);
    return report;
}

/* The first error's code equals `code`, and the JSON contains `needle`. */
static void expect_first_error(const idpool_report *report, const char *code,
                               const char *needle) {
    const char *text = NULL, *json = NULL;
    size_t len = 0, json_len = 0;
    EXPECT(idpool_report_error_count(report) >= 1, "no errors");
    EXPECT_RESULT(idpool_report_error_code(report, 0, &text, &len),
                  IDPOOL_RESULT_OK);
    EXPECT(text != NULL && strcmp(text, code) == 0, "first error %s, not %s",
           text ? text : "(none)", code);
    EXPECT_RESULT(idpool_report_json(report, &json, &json_len),
                  IDPOOL_RESULT_OK);
    EXPECT(json != NULL &&
               harness_contains(json, json_len, needle, strlen(needle)),
           "the report does not contain %s", needle);
}

static void test_version_and_result_strings(void) {
    unsigned code, other;
    EXPECT(strcmp(idpool_version(), IDPOOL_VERSION_STRING) == 0,
           "library %s, header %s", idpool_version(), IDPOOL_VERSION_STRING);
    EXPECT(strcmp(idpool_result_str(IDPOOL_RESULT_OK), "ok") == 0, "OK text");
    for (code = 0; code <= IDPOOL_RESULT_LIMIT_OUT_OF_RANGE; code++) {
        const char *text = idpool_result_str(code);
        EXPECT(text != NULL && strlen(text) > 0, "code %u has no text", code);
        EXPECT(strcmp(text, "unknown result code") != 0, "code %u unknown",
               code);
        for (other = 0; other < code; other++) {
            EXPECT(strcmp(text, idpool_result_str(other)) != 0,
                   "codes %u and %u share a text", other, code);
        }
    }
    EXPECT(strcmp(idpool_result_str(IDPOOL_RESULT_LIMIT_OUT_OF_RANGE + 1),
                  "unknown result code") == 0,
           "unknown code");
    EXPECT(strcmp(idpool_result_str(0xffffffffu), "unknown result code") == 0,
           "unknown code");
}

static void test_reports(void) {
    const char *valid = "{\"IdentityPoolId\":\"" POOL_ID "\"}";
    const char *invalid = "{\"IdentityPoolId\":\"us-east-1_AbCdEfGhI\"}";
    const char *text = NULL;
    size_t len = 0;
    idpool_report *report;

    report = check("DescribeIdentityPool", valid, strlen(valid),
                   IDPOOL_RESULT_OK);
    EXPECT(idpool_report_ok(report), "valid input");
    EXPECT(idpool_report_error_count(report) == 0, "no errors");
    EXPECT_RESULT(idpool_report_json(report, &text, &len), IDPOOL_RESULT_OK);
    EXPECT(len == strlen(text), "JSON length");
    EXPECT_RESULT(idpool_report_normalized_json(report, &text, &len),
                  IDPOOL_RESULT_OK);
    EXPECT(strcmp(text, valid) == 0, "normalized %s", text);
    idpool_report_free(report);

    report = check("DescribeIdentityPool", invalid, strlen(invalid),
                   IDPOOL_RESULT_INVALID);
    EXPECT(!idpool_report_ok(report), "invalid input");
    EXPECT(idpool_report_error_count(report) == 1, "one error");
    EXPECT(idpool_report_warning_count(report) == 0, "no warnings");
    EXPECT_RESULT(idpool_report_error_path(report, 0, &text, &len),
                  IDPOOL_RESULT_OK);
    EXPECT(strcmp(text, "/IdentityPoolId") == 0 && len == 15, "path %s", text);
    EXPECT_RESULT(idpool_report_error_message(report, 0, &text, &len),
                  IDPOOL_RESULT_OK);
    EXPECT(strncmp(text, "IdentityPoolId must match", 25) == 0, "message %s",
           text);
    expect_first_error(report, "pattern", "\"serviceError\":{\"type\":"
                                          "\"ValidationException\"");
    idpool_report_free(report);

    /* A warning: a login provider that is not a known social provider. */
    {
        const char *pool = "{\"IdentityPoolName\":\"p\","
                           "\"AllowUnauthenticatedIdentities\":false,"
                           "\"SupportedLoginProviders\":{\"login.example.com\":"
                           "\"x\"}}";
        report = check("CreateIdentityPool", pool, strlen(pool),
                       IDPOOL_RESULT_OK);
        EXPECT(idpool_report_warning_count(report) == 1, "one warning");
        EXPECT_RESULT(idpool_report_warning_code(report, 0, &text, &len),
                      IDPOOL_RESULT_OK);
        EXPECT(strcmp(text, "unknown_login_provider") == 0, "warning %s",
               text);
        EXPECT_RESULT(idpool_report_warning_path(report, 0, &text, &len),
                      IDPOOL_RESULT_OK);
        EXPECT(strcmp(text, "/SupportedLoginProviders/login.example.com") == 0,
               "warning path %s", text);
        EXPECT_RESULT(idpool_report_warning_message(report, 0, &text, &len),
                      IDPOOL_RESULT_OK);
        EXPECT(len > 0, "warning message");
        idpool_report_free(report);
    }
}

static void test_index_out_of_range_writes_nothing(void) {
    const char *json = "{}";
    idpool_report *report =
        check("DescribeIdentityPool", json, 2, IDPOOL_RESULT_INVALID);
    size_t count = idpool_report_error_count(report);
    const char *text = (const char *)SENTINEL;
    size_t len = 777;
    EXPECT(count == 1, "one error (required)");
    EXPECT_RESULT(idpool_report_error_code(report, count, &text, &len),
                  IDPOOL_RESULT_INDEX_OUT_OF_RANGE);
    EXPECT_RESULT(idpool_report_error_path(report, (size_t)-1, &text, &len),
                  IDPOOL_RESULT_INDEX_OUT_OF_RANGE);
    EXPECT_RESULT(idpool_report_error_message(report, count, &text, &len),
                  IDPOOL_RESULT_INDEX_OUT_OF_RANGE);
    EXPECT_RESULT(idpool_report_warning_code(report, 0, &text, &len),
                  IDPOOL_RESULT_INDEX_OUT_OF_RANGE);
    EXPECT_RESULT(idpool_report_warning_path(report, 0, &text, &len),
                  IDPOOL_RESULT_INDEX_OUT_OF_RANGE);
    EXPECT_RESULT(idpool_report_warning_message(report, 0, &text, &len),
                  IDPOOL_RESULT_INDEX_OUT_OF_RANGE);
    EXPECT_RESULT(idpool_report_decision_json(report, &text, &len),
                  IDPOOL_RESULT_ABSENT);
    EXPECT_RESULT(idpool_report_decision_role_arn(report, &text, &len),
                  IDPOOL_RESULT_ABSENT);
    EXPECT_RESULT(idpool_report_plan_json(report, &text, &len),
                  IDPOOL_RESULT_ABSENT);
    EXPECT(text == (const char *)SENTINEL && len == 777,
           "an out-parameter was written on failure");
    idpool_report_free(report);
}

static void test_null_everywhere(void) {
    const uint8_t *t = (const uint8_t *)"DescribeIdentityPool";
    const uint8_t *j = (const uint8_t *)"{}";
    idpool_report *report = (idpool_report *)SENTINEL;
    idpool_checker *checker = NULL;
    idpool_saml_role_list *roles = (idpool_saml_role_list *)SENTINEL;
    const char *text = (const char *)SENTINEL;
    size_t len = 777;
    char region[64];

    EXPECT_RESULT(idpool_check(NULL, 0, j, 2, &report),
                  IDPOOL_RESULT_NULL_PARAMETER);
    EXPECT_RESULT(idpool_check(t, 20, NULL, 0, &report),
                  IDPOOL_RESULT_NULL_PARAMETER);
    EXPECT_RESULT(idpool_check(t, 20, j, 2, NULL),
                  IDPOOL_RESULT_NULL_PARAMETER);
    /* NULL is reported before invalid UTF-8. */
    EXPECT_RESULT(idpool_check((const uint8_t *)"\xff", 1, NULL, 0, &report),
                  IDPOOL_RESULT_NULL_PARAMETER);
    EXPECT_RESULT(idpool_check_with_pool(NULL, 0, j, 2, j, 2, &report),
                  IDPOOL_RESULT_NULL_PARAMETER);
    EXPECT_RESULT(idpool_check_with_pool(t, 20, NULL, 0, j, 2, &report),
                  IDPOOL_RESULT_NULL_PARAMETER);
    EXPECT_RESULT(idpool_check_with_pool(t, 20, j, 2, NULL, 0, &report),
                  IDPOOL_RESULT_NULL_PARAMETER);
    EXPECT_RESULT(idpool_check_with_pool(t, 20, j, 2, j, 2, NULL),
                  IDPOOL_RESULT_NULL_PARAMETER);
    EXPECT_RESULT(idpool_resolve_credentials(NULL, 0, &report),
                  IDPOOL_RESULT_NULL_PARAMETER);
    EXPECT_RESULT(idpool_resolve_credentials(j, 2, NULL),
                  IDPOOL_RESULT_NULL_PARAMETER);
    EXPECT_RESULT(idpool_audit_trust(NULL, 0, &report),
                  IDPOOL_RESULT_NULL_PARAMETER);
    EXPECT_RESULT(idpool_audit_trust(j, 2, NULL),
                  IDPOOL_RESULT_NULL_PARAMETER);
    EXPECT_RESULT(idpool_plan_update(NULL, 0, j, 2, &report),
                  IDPOOL_RESULT_NULL_PARAMETER);
    EXPECT_RESULT(idpool_plan_update(j, 2, NULL, 0, &report),
                  IDPOOL_RESULT_NULL_PARAMETER);
    EXPECT_RESULT(idpool_plan_update(j, 2, j, 2, NULL),
                  IDPOOL_RESULT_NULL_PARAMETER);
    EXPECT(report == (idpool_report *)SENTINEL, "report written on failure");

    EXPECT_RESULT(idpool_checker_new(NULL), IDPOOL_RESULT_NULL_PARAMETER);
    EXPECT_RESULT(idpool_checker_set_max_input_bytes(NULL, 1),
                  IDPOOL_RESULT_NULL_PARAMETER);
    EXPECT_RESULT(idpool_checker_set_max_depth(NULL, 1),
                  IDPOOL_RESULT_NULL_PARAMETER);
    EXPECT_RESULT(idpool_checker_set_max_issues(NULL, 1),
                  IDPOOL_RESULT_NULL_PARAMETER);
    EXPECT_RESULT(idpool_checker_check(NULL, t, 20, j, 2, &report),
                  IDPOOL_RESULT_NULL_PARAMETER);
    EXPECT_RESULT(idpool_checker_check_with_pool(NULL, t, 20, j, 2, j, 2,
                                                 &report),
                  IDPOOL_RESULT_NULL_PARAMETER);
    EXPECT_RESULT(idpool_checker_resolve_credentials(NULL, j, 2, &report),
                  IDPOOL_RESULT_NULL_PARAMETER);
    EXPECT_RESULT(idpool_checker_audit_trust(NULL, j, 2, &report),
                  IDPOOL_RESULT_NULL_PARAMETER);
    EXPECT_RESULT(idpool_checker_plan_update(NULL, j, 2, j, 2, &report),
                  IDPOOL_RESULT_NULL_PARAMETER);
    EXPECT_RESULT(idpool_checker_new(&checker), IDPOOL_RESULT_OK);
    EXPECT_RESULT(idpool_checker_check(checker, NULL, 0, j, 2, &report),
                  IDPOOL_RESULT_NULL_PARAMETER);
    EXPECT_RESULT(idpool_checker_check(checker, t, 20, j, 2, NULL),
                  IDPOOL_RESULT_NULL_PARAMETER);
    EXPECT_RESULT(idpool_checker_plan_update(checker, j, 2, NULL, 0, &report),
                  IDPOOL_RESULT_NULL_PARAMETER);
    EXPECT_RESULT(idpool_checker_resolve_credentials(checker, NULL, 0, &report),
                  IDPOOL_RESULT_NULL_PARAMETER);
    EXPECT_RESULT(idpool_checker_check_with_pool(checker, t, 20, j, 2, NULL, 0,
                                                 &report),
                  IDPOOL_RESULT_NULL_PARAMETER);
    idpool_checker_free(checker);
    EXPECT(report == (idpool_report *)SENTINEL, "report written on failure");

    EXPECT(!idpool_report_ok(NULL), "ok(NULL)");
    EXPECT(idpool_report_error_count(NULL) == 0, "error_count(NULL)");
    EXPECT(idpool_report_warning_count(NULL) == 0, "warning_count(NULL)");
    EXPECT_RESULT(idpool_report_error_code(NULL, 0, &text, &len),
                  IDPOOL_RESULT_NULL_PARAMETER);
    EXPECT_RESULT(idpool_report_error_path(NULL, 0, &text, &len),
                  IDPOOL_RESULT_NULL_PARAMETER);
    EXPECT_RESULT(idpool_report_error_message(NULL, 0, &text, &len),
                  IDPOOL_RESULT_NULL_PARAMETER);
    EXPECT_RESULT(idpool_report_warning_code(NULL, 0, &text, &len),
                  IDPOOL_RESULT_NULL_PARAMETER);
    EXPECT_RESULT(idpool_report_warning_path(NULL, 0, &text, &len),
                  IDPOOL_RESULT_NULL_PARAMETER);
    EXPECT_RESULT(idpool_report_warning_message(NULL, 0, &text, &len),
                  IDPOOL_RESULT_NULL_PARAMETER);
    EXPECT_RESULT(idpool_report_json(NULL, &text, &len),
                  IDPOOL_RESULT_NULL_PARAMETER);
    EXPECT_RESULT(idpool_report_normalized_json(NULL, &text, &len),
                  IDPOOL_RESULT_NULL_PARAMETER);
    EXPECT_RESULT(idpool_report_decision_json(NULL, &text, &len),
                  IDPOOL_RESULT_NULL_PARAMETER);
    EXPECT_RESULT(idpool_report_decision_role_arn(NULL, &text, &len),
                  IDPOOL_RESULT_NULL_PARAMETER);
    EXPECT_RESULT(idpool_report_plan_json(NULL, &text, &len),
                  IDPOOL_RESULT_NULL_PARAMETER);

    report = check("DescribeIdentityPool", "{}", 2, IDPOOL_RESULT_INVALID);
    EXPECT_RESULT(idpool_report_json(report, NULL, &len),
                  IDPOOL_RESULT_NULL_PARAMETER);
    EXPECT_RESULT(idpool_report_json(report, &text, NULL),
                  IDPOOL_RESULT_NULL_PARAMETER);
    EXPECT_RESULT(idpool_report_error_code(report, 0, NULL, &len),
                  IDPOOL_RESULT_NULL_PARAMETER);
    EXPECT_RESULT(idpool_report_error_message(report, 0, &text, NULL),
                  IDPOOL_RESULT_NULL_PARAMETER);
    EXPECT(text == (const char *)SENTINEL && len == 777,
           "an out-parameter was written on failure");
    idpool_report_free(report);

    EXPECT_RESULT(idpool_saml_roles(NULL, 0, &roles),
                  IDPOOL_RESULT_NULL_PARAMETER);
    EXPECT_RESULT(idpool_saml_roles(TEXT(SAML_TWO_ROLES), NULL),
                  IDPOOL_RESULT_NULL_PARAMETER);
    EXPECT(roles == (idpool_saml_role_list *)SENTINEL,
           "roles written on failure");
    EXPECT(idpool_saml_role_list_count(NULL) == 0, "count(NULL)");
    EXPECT_RESULT(idpool_saml_role_list_role_arn(NULL, 0, &text, &len),
                  IDPOOL_RESULT_NULL_PARAMETER);
    EXPECT_RESULT(idpool_saml_role_list_provider_arn(NULL, 0, &text, &len),
                  IDPOOL_RESULT_NULL_PARAMETER);
    EXPECT_RESULT(idpool_saml_role_list_json(NULL, &text, &len),
                  IDPOOL_RESULT_NULL_PARAMETER);

    EXPECT_RESULT(idpool_identity_pool_id_parse(NULL, 0, region,
                                                sizeof region, &len),
                  IDPOOL_RESULT_NULL_PARAMETER);
    EXPECT_RESULT(idpool_identity_pool_id_parse(TEXT(POOL_ID), NULL,
                                                sizeof region, &len),
                  IDPOOL_RESULT_NULL_PARAMETER);
    EXPECT_RESULT(idpool_identity_pool_id_parse(TEXT(POOL_ID), region,
                                                sizeof region, NULL),
                  IDPOOL_RESULT_NULL_PARAMETER);
    EXPECT_RESULT(idpool_identity_id_parse(NULL, 0, region, sizeof region,
                                           &len),
                  IDPOOL_RESULT_NULL_PARAMETER);
    EXPECT(text == (const char *)SENTINEL && len == 777,
           "an out-parameter was written on failure");

    /* _free(NULL) is a no-op. */
    idpool_report_free(NULL);
    idpool_checker_free(NULL);
    idpool_saml_role_list_free(NULL);
}

static void test_invalid_utf8(void) {
    const uint8_t bad[] = {'{', '"', 0xc3, '"', '}'};
    const uint8_t *j = (const uint8_t *)"{}";
    idpool_report *report = (idpool_report *)SENTINEL;
    idpool_saml_role_list *roles = (idpool_saml_role_list *)SENTINEL;
    char region[64] = "untouched";
    size_t len = 777;

    EXPECT_RESULT(idpool_check((const uint8_t *)"Describe\xffIdentityPool", 21,
                               j, 2, &report),
                  IDPOOL_RESULT_INVALID_UTF8);
    EXPECT_RESULT(idpool_check(TEXT("DescribeIdentityPool"), bad, sizeof bad,
                               &report),
                  IDPOOL_RESULT_INVALID_UTF8);
    /* An overlong encoding of '/' and a lone surrogate are not UTF-8. */
    EXPECT_RESULT(idpool_check(TEXT("DescribeIdentityPool"),
                               TEXT("{\"a\":\"\xc0\xaf\"}"), &report),
                  IDPOOL_RESULT_INVALID_UTF8);
    EXPECT_RESULT(idpool_check(TEXT("DescribeIdentityPool"),
                               TEXT("{\"a\":\"\xed\xa0\x80\"}"), &report),
                  IDPOOL_RESULT_INVALID_UTF8);
    EXPECT_RESULT(idpool_check_with_pool(TEXT("SetIdentityPoolRoles"), j, 2,
                                         bad, sizeof bad, &report),
                  IDPOOL_RESULT_INVALID_UTF8);
    EXPECT_RESULT(idpool_resolve_credentials(bad, sizeof bad, &report),
                  IDPOOL_RESULT_INVALID_UTF8);
    EXPECT_RESULT(idpool_audit_trust(bad, sizeof bad, &report),
                  IDPOOL_RESULT_INVALID_UTF8);
    EXPECT_RESULT(idpool_plan_update(j, 2, bad, sizeof bad, &report),
                  IDPOOL_RESULT_INVALID_UTF8);
    EXPECT_RESULT(idpool_plan_update(bad, sizeof bad, j, 2, &report),
                  IDPOOL_RESULT_INVALID_UTF8);
    EXPECT(report == (idpool_report *)SENTINEL, "report written on failure");
    EXPECT_RESULT(idpool_saml_roles(bad, sizeof bad, &roles),
                  IDPOOL_RESULT_INVALID_UTF8);
    EXPECT(roles == (idpool_saml_role_list *)SENTINEL,
           "roles written on failure");
    EXPECT_RESULT(idpool_identity_pool_id_parse(
                      (const uint8_t *)"us-east-1:\xff", 11, region,
                      sizeof region, &len),
                  IDPOOL_RESULT_INVALID_UTF8);
    EXPECT(strcmp(region, "untouched") == 0 && len == 777,
           "region written on failure");
}

static void test_embedded_nul(void) {
    /* In the target: a different name, so an unknown target. */
    static const char target[] = "Describe\0IdentityPool";
    static const char raw_nul[] = "{\"IdentityPoolId\":\"a\0b\"}";
    static const char trailing_nul[] = "{\"IdentityPoolId\":\"" POOL_ID "\"}\0";
    const char *escaped = "{\"IdentityPoolId\":\"" POOL_ID
                          "\",\"a\\u0000b\":1}";
    idpool_report *report = (idpool_report *)SENTINEL;
    const char *text = NULL;
    size_t len = 0;

    EXPECT_RESULT(idpool_check((const uint8_t *)target, sizeof target - 1,
                               TEXT("{}"), &report),
                  IDPOOL_RESULT_UNKNOWN_TARGET);
    EXPECT(report == (idpool_report *)SENTINEL, "report written on failure");

    /* A raw NUL inside a JSON string, or after the document: not JSON. */
    report = check("DescribeIdentityPool", raw_nul, sizeof raw_nul - 1,
                   IDPOOL_RESULT_INVALID);
    expect_first_error(report, "syntax", "\"code\":\"syntax\"");
    idpool_report_free(report);
    report = check("DescribeIdentityPool", trailing_nul,
                   sizeof trailing_nul - 1, IDPOOL_RESULT_INVALID);
    expect_first_error(report, "syntax", "\"line\":1");
    idpool_report_free(report);

    /* An escaped NUL in a member name: the path carries it, so its length
     * is longer than strlen. */
    report = check("DescribeIdentityPool", escaped, strlen(escaped),
                   IDPOOL_RESULT_INVALID);
    expect_first_error(report, "unknown_member", "\"path\":\"/a\\u0000b\"");
    EXPECT_RESULT(idpool_report_error_path(report, 0, &text, &len),
                  IDPOOL_RESULT_OK);
    EXPECT(len == 4 && strlen(text) == 2 && memcmp(text, "/a\0b", 5) == 0,
           "path length %lu", (unsigned long)len);
    idpool_report_free(report);
}

static void test_unknown_target(void) {
    idpool_report *report = (idpool_report *)SENTINEL;
    EXPECT_RESULT(idpool_check(TEXT("describeidentitypool"), TEXT("{}"),
                               &report),
                  IDPOOL_RESULT_UNKNOWN_TARGET);
    EXPECT_RESULT(idpool_check(TEXT(""), TEXT("{}"), &report),
                  IDPOOL_RESULT_UNKNOWN_TARGET);
    EXPECT_RESULT(idpool_check_with_pool(TEXT("Nope"), TEXT("{}"), TEXT(POOL),
                                         &report),
                  IDPOOL_RESULT_UNKNOWN_TARGET);
    EXPECT(report == (idpool_report *)SENTINEL, "report written on failure");
}

/* 10 MiB: refused by the default 1 MiB limit with a syntax issue, without
 * being parsed; accepted by a checker whose limit is raised. */
static void test_large_input(void) {
    const char *head = "{\"IdentityPoolId\":\"" POOL_ID "\"";
    size_t size = 10 * MIB, head_len = strlen(head);
    char *big = (char *)malloc(size);
    idpool_report *report;
    idpool_checker *checker = NULL;
    if (big == NULL) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
    memcpy(big, head, head_len);
    memset(big + head_len, ' ', size - head_len - 1);
    big[size - 1] = '}';

    report = check("DescribeIdentityPool", big, size, IDPOOL_RESULT_INVALID);
    EXPECT(idpool_report_error_count(report) == 1, "one error");
    expect_first_error(report, "syntax", "\"actual\":10485760");
    expect_first_error(report, "syntax", "\"limit\":1048576");
    idpool_report_free(report);

    EXPECT_RESULT(idpool_checker_new(&checker), IDPOOL_RESULT_OK);
    EXPECT_RESULT(idpool_checker_set_max_input_bytes(checker, 16 * MIB),
                  IDPOOL_RESULT_OK);
    report = NULL;
    EXPECT_RESULT(idpool_checker_check(checker, TEXT("DescribeIdentityPool"),
                                       (const uint8_t *)big, size, &report),
                  IDPOOL_RESULT_OK);
    EXPECT(idpool_report_ok(report), "10 MiB of whitespace is fine");
    idpool_report_free(report);
    idpool_checker_free(checker);
    free(big);
}

/* Nesting: 64 levels parse (a type error for this target), 65 and 100000
 * are refused with a syntax issue; a checker can lower the limit. */
static void test_deep_nesting(void) {
    size_t depths[3] = {64, 65, 100000};
    size_t i, d;
    idpool_checker *checker = NULL;
    idpool_report *report;
    for (i = 0; i < 3; i++) {
        size_t depth = depths[i];
        char *deep = (char *)malloc(2 * depth);
        if (deep == NULL) {
            fprintf(stderr, "out of memory\n");
            exit(2);
        }
        for (d = 0; d < depth; d++) {
            deep[d] = '[';
            deep[2 * depth - 1 - d] = ']';
        }
        report = check("DescribeIdentityPool", deep, 2 * depth,
                       IDPOOL_RESULT_INVALID);
        if (depth == 64) {
            expect_first_error(report, "type", "\"code\":\"type\"");
        } else {
            expect_first_error(report, "syntax", "\"limit\":64");
        }
        idpool_report_free(report);
        free(deep);
    }
    EXPECT_RESULT(idpool_checker_new(&checker), IDPOOL_RESULT_OK);
    EXPECT_RESULT(idpool_checker_set_max_depth(checker, 2), IDPOOL_RESULT_OK);
    report = NULL;
    EXPECT_RESULT(idpool_checker_check(checker, TEXT("CreateIdentityPool"),
                                       TEXT("{\"IdentityPoolTags\":{\"a\":"
                                            "[1]}}"),
                                       &report),
                  IDPOOL_RESULT_INVALID);
    expect_first_error(report, "syntax", "\"limit\":2");
    idpool_report_free(report);
    idpool_checker_free(checker);
}

static void test_max_issues(void) {
    const char *many = "{\"IdentityPoolName\":\"a#b\","
                       "\"AllowUnauthenticatedIdentities\":\"x\",\"A\":1,"
                       "\"B\":2}";
    idpool_checker *checker = NULL;
    idpool_report *report = NULL;
    EXPECT_RESULT(idpool_checker_new(&checker), IDPOOL_RESULT_OK);
    EXPECT_RESULT(idpool_checker_set_max_issues(checker, 2), IDPOOL_RESULT_OK);
    EXPECT_RESULT(idpool_checker_check(checker, TEXT("CreateIdentityPool"),
                                       TEXT(many), &report),
                  IDPOOL_RESULT_INVALID);
    EXPECT(idpool_report_error_count(report) == 2, "%lu errors",
           (unsigned long)idpool_report_error_count(report));
    expect_first_error(report, "pattern", "\"truncated\":true");
    idpool_report_free(report);
    idpool_checker_free(checker);
}

static void test_ids(void) {
    char region[16];
    char tiny[9];
    size_t len = 777;
    struct {
        const char *id;
        idpool_result expected;
    } cases[] = {
        {POOL_ID, IDPOOL_RESULT_OK},
        {"us-east-1_AbCdEfGhI", IDPOOL_RESULT_ID_MISSING_SEPARATOR},
        {"useast1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
         IDPOOL_RESULT_ID_INVALID_REGION},
        {"us-east-1:0F1E2D3C-4b5a-6978-8796-a5b4c3d2e1f0",
         IDPOOL_RESULT_ID_INVALID_GUID},
        {"", IDPOOL_RESULT_ID_MISSING_SEPARATOR},
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        EXPECT_RESULT(idpool_identity_pool_id_parse(TEXT(cases[i].id), region,
                                                    sizeof region, &len),
                      cases[i].expected);
    }
    EXPECT_RESULT(idpool_identity_pool_id_parse(TEXT(POOL_ID), region,
                                                sizeof region, &len),
                  IDPOOL_RESULT_OK);
    EXPECT(len == 9 && strcmp(region, "us-east-1") == 0, "region %s", region);
    /* The GUID is the rest after the region and ':'. */
    EXPECT(strcmp(POOL_ID + len + 1, "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0") ==
               0,
           "guid");
    /* Exactly room for "us-east-1" and its NUL: 10 bytes fit, 9 do not. */
    EXPECT_RESULT(idpool_identity_pool_id_parse(TEXT(POOL_ID), region, 10,
                                                &len),
                  IDPOOL_RESULT_OK);
    memset(tiny, 'x', sizeof tiny);
    len = 777;
    EXPECT_RESULT(idpool_identity_pool_id_parse(TEXT(POOL_ID), tiny,
                                                sizeof tiny, &len),
                  IDPOOL_RESULT_BUFFER_TOO_SMALL);
    EXPECT(tiny[0] == 'x' && tiny[8] == 'x' && len == 777,
           "buffer written on failure");
    EXPECT_RESULT(idpool_identity_id_parse(TEXT("eu-west-2:5a7d74f5-93d8-4586-"
                                                "b59c-8f2a25d9f696"),
                                           region, sizeof region, &len),
                  IDPOOL_RESULT_OK);
    EXPECT(strcmp(region, "eu-west-2") == 0, "region %s", region);
}

static void test_saml_roles(void) {
    idpool_saml_role_list *roles = NULL;
    const char *text = NULL;
    size_t len = 0;
    struct {
        const char *base64;
        idpool_result expected;
    } failures[] = {
        {"not base64!", IDPOOL_RESULT_SAML_NOT_BASE64},
        {"PFJlc3BvbnNlPv88L1Jlc3BvbnNlPg==", IDPOOL_RESULT_SAML_NOT_UTF8},
        {"PFJlc3BvbnNlPg==", IDPOOL_RESULT_SAML_NOT_XML},
        {"PCFET0NUWVBFIHIgWzwhRU5USVRZIHggInkiPl0+PFJlc3BvbnNlLz4=",
         IDPOOL_RESULT_SAML_DOCTYPE},
        {"PE90aGVyLz4=", IDPOOL_RESULT_SAML_NOT_A_RESPONSE},
        {"PHNhbWxwOlJlc3BvbnNlIHhtbG5zOnNhbWxwPSJ1cm46b2FzaXM6bmFtZXM6dGM6U0FN"
         "TDoyLjA6cHJvdG9jb2wiIHhtbG5zOnNhbWw9InVybjpvYXNpczpuYW1lczp0YzpTQU1M"
         "OjIuMDphc3NlcnRpb24iPjxzYW1sOkVuY3J5cHRlZEFzc2VydGlvbj48eGVuYzpFbmNy"
         "eXB0ZWREYXRhIHhtbG5zOnhlbmM9Imh0dHA6Ly93d3cudzMub3JnLzIwMDEvMDQveG1s"
         "ZW5jIyIvPjwvc2FtbDpFbmNyeXB0ZWRBc3NlcnRpb24+PC9zYW1scDpSZXNwb25zZT4=",
         IDPOOL_RESULT_SAML_ENCRYPTED},
    };
    size_t i;

    EXPECT_RESULT(idpool_saml_roles(TEXT(SAML_TWO_ROLES), &roles),
                  IDPOOL_RESULT_OK);
    EXPECT(idpool_saml_role_list_count(roles) == 2, "two roles");
    EXPECT_RESULT(idpool_saml_role_list_role_arn(roles, 0, &text, &len),
                  IDPOOL_RESULT_OK);
    EXPECT(strcmp(text, "arn:aws:iam::123456789012:role/Dev") == 0, "%s",
           text);
    EXPECT_RESULT(idpool_saml_role_list_role_arn(roles, 1, &text, &len),
                  IDPOOL_RESULT_OK);
    EXPECT(strcmp(text, "arn:aws:iam::123456789012:role/Ops") == 0, "%s",
           text);
    EXPECT_RESULT(idpool_saml_role_list_provider_arn(roles, 1, &text, &len),
                  IDPOOL_RESULT_OK);
    EXPECT(strcmp(text, "arn:aws:iam::123456789012:saml-provider/Corp") == 0,
           "%s", text);
    EXPECT_RESULT(idpool_saml_role_list_json(roles, &text, &len),
                  IDPOOL_RESULT_OK);
    EXPECT(strcmp(text,
                  "[{\"roleArn\":\"arn:aws:iam::123456789012:role/Dev\","
                  "\"providerArn\":\"arn:aws:iam::123456789012:saml-provider/"
                  "Corp\"},{\"roleArn\":\"arn:aws:iam::123456789012:role/"
                  "Ops\",\"providerArn\":\"arn:aws:iam::123456789012:saml-"
                  "provider/Corp\"}]") == 0,
           "%s", text);
    text = (const char *)SENTINEL;
    len = 777;
    EXPECT_RESULT(idpool_saml_role_list_role_arn(roles, 2, &text, &len),
                  IDPOOL_RESULT_INDEX_OUT_OF_RANGE);
    EXPECT_RESULT(idpool_saml_role_list_provider_arn(roles, 2, &text, &len),
                  IDPOOL_RESULT_INDEX_OUT_OF_RANGE);
    EXPECT(text == (const char *)SENTINEL && len == 777,
           "an out-parameter was written on failure");
    idpool_saml_role_list_free(roles);

    for (i = 0; i < sizeof failures / sizeof failures[0]; i++) {
        roles = (idpool_saml_role_list *)SENTINEL;
        EXPECT_RESULT(idpool_saml_roles(TEXT(failures[i].base64), &roles),
                      failures[i].expected);
        EXPECT(roles == (idpool_saml_role_list *)SENTINEL,
               "roles written on failure");
    }
}

static void test_pool_plan_and_credentials(void) {
    const char *roles_input =
        "{\"IdentityPoolId\":\"" POOL_ID "\",\"Roles\":{\"authenticated\":"
        "\"arn:aws:iam::123456789012:role/Auth\"},\"RoleMappings\":{"
        "\"accounts.google.com\":{\"Type\":\"Token\","
        "\"AmbiguousRoleResolution\":\"Deny\"}}}";
    const char *context =
        "{\"Pool\":{\"IdentityPoolId\":\"" POOL_ID "\",\"IdentityPoolName\":"
        "\"Photos\",\"AllowUnauthenticatedIdentities\":true},\"Roles\":{"
        "\"unauthenticated\":\"arn:aws:iam::123456789012:role/Guest\"},"
        "\"Request\":{\"IdentityId\":\"" IDENTITY_ID "\"}}";
    const char *refused =
        "{\"Pool\":{\"IdentityPoolId\":\"" POOL_ID "\",\"IdentityPoolName\":"
        "\"Photos\",\"AllowUnauthenticatedIdentities\":false},"
        "\"Request\":{\"IdentityId\":\"" IDENTITY_ID "\"}}";
    const char *current =
        "{\"IdentityPoolId\":\"" POOL_ID "\",\"IdentityPoolName\":\"p\","
        "\"AllowUnauthenticatedIdentities\":false,\"DeveloperProviderName\":"
        "\"login.example.com\"}";
    const char *renamed =
        "{\"IdentityPoolId\":\"" POOL_ID "\",\"IdentityPoolName\":\"p\","
        "\"AllowUnauthenticatedIdentities\":false,\"DeveloperProviderName\":"
        "\"login.other.example.com\"}";
    idpool_report *report = NULL;
    const char *text = NULL;
    size_t len = 0;

    EXPECT_RESULT(idpool_check_with_pool(TEXT("SetIdentityPoolRoles"),
                                         TEXT(roles_input), TEXT(POOL),
                                         &report),
                  IDPOOL_RESULT_INVALID);
    expect_first_error(report, "role_mapping_provider",
                       "\"path\":\"/RoleMappings/accounts.google.com\"");
    idpool_report_free(report);

    report = NULL;
    EXPECT_RESULT(idpool_resolve_credentials(TEXT(context), &report),
                  IDPOOL_RESULT_OK);
    EXPECT_RESULT(idpool_report_decision_role_arn(report, &text, &len),
                  IDPOOL_RESULT_OK);
    EXPECT(strcmp(text, "arn:aws:iam::123456789012:role/Guest") == 0, "%s",
           text);
    EXPECT_RESULT(idpool_report_decision_json(report, &text, &len),
                  IDPOOL_RESULT_OK);
    EXPECT(harness_contains(text, len, TEXT_OF("\"identityType\":\"unauthenticated\"")),
           "%s", text);
    idpool_report_free(report);

    report = NULL;
    EXPECT_RESULT(idpool_resolve_credentials(TEXT(refused), &report),
                  IDPOOL_RESULT_INVALID);
    expect_first_error(report, "unauthenticated_not_allowed",
                       "\"type\":\"NotAuthorizedException\"");
    EXPECT_RESULT(idpool_report_decision_role_arn(report, &text, &len),
                  IDPOOL_RESULT_ABSENT);
    idpool_report_free(report);

    report = NULL;
    EXPECT_RESULT(idpool_plan_update(TEXT(current), TEXT(renamed), &report),
                  IDPOOL_RESULT_INVALID);
    expect_first_error(report, "immutable", "\"plan\":{\"changes\":");
    EXPECT_RESULT(idpool_report_plan_json(report, &text, &len),
                  IDPOOL_RESULT_OK);
    EXPECT(strncmp(text, "{\"changes\":", 11) == 0, "%s", text);
    idpool_report_free(report);
}

/* Role trust: the decided role's verdict, and the audit of a pool's roles. */
#define GUEST_ARN "arn:aws:iam::123456789012:role/Guest"
#define GUEST_POLICY                                                         \
    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Guests\","      \
    "\"Effect\":\"Allow\",\"Principal\":{\"Federated\":"                   \
    "\"cognito-identity.amazonaws.com\"},\"Action\":"                        \
    "\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringEquals\":{"   \
    "\"cognito-identity.amazonaws.com:aud\":\"" POOL_ID "\"},"              \
    "\"ForAnyValue:StringLike\":{\"cognito-identity.amazonaws.com:amr\":"    \
    "\"unauthenticated\"}}}]}"
#define GUEST_POOL                                                           \
    "{\"IdentityPoolId\":\"" POOL_ID "\",\"IdentityPoolName\":\"Photos\","  \
    "\"AllowUnauthenticatedIdentities\":true}"

static void test_trust(void) {
    const char *resolve =
        "{\"Pool\":" GUEST_POOL ",\"Roles\":{\"unauthenticated\":\"" GUEST_ARN
        "\"},\"Request\":{\"IdentityId\":\"" IDENTITY_ID "\"},"
        "\"TrustPolicies\":{\"" GUEST_ARN "\":" GUEST_POLICY "}}";
    const char *audit =
        "{\"Pool\":{\"IdentityPoolId\":\"" POOL_ID "\",\"IdentityPoolName\":"
        "\"Photos\",\"AllowUnauthenticatedIdentities\":true,"
        "\"SupportedLoginProviders\":{\"graph.facebook.com\":\"7346241598935552\"}},"
        "\"Roles\":{\"unauthenticated\":\"" GUEST_ARN
        "\",\"authenticated\":\"arn:aws:iam::123456789012:role/Auth\"},"
        "\"TrustPolicies\":{\"" GUEST_ARN "\":" GUEST_POLICY "}}";
    const char *forbidden =
        "{\"Pool\":" GUEST_POOL ",\"TrustPolicies\":{\"" GUEST_ARN "\":{"
        "\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\","
        "\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Resource\":\"*\"}}}}";
    idpool_report *report = NULL;
    idpool_checker *checker = NULL;
    const char *text = (const char *)SENTINEL;
    size_t len = 12345;

    EXPECT_RESULT(idpool_resolve_credentials(TEXT(resolve), &report),
                  IDPOOL_RESULT_OK);
    EXPECT_RESULT(idpool_report_decision_json(report, &text, &len),
                  IDPOOL_RESULT_OK);
    EXPECT(harness_contains(text, len,
                            TEXT_OF("\"trust\":{\"allowed\":true,"
                                    "\"statement\":0,\"sid\":\"Guests\"}")),
           "%s", text);
    text = (const char *)SENTINEL;
    len = 12345;
    EXPECT_RESULT(idpool_report_audit_json(report, &text, &len),
                  IDPOOL_RESULT_ABSENT);
    EXPECT(text == (const char *)SENTINEL && len == 12345,
           "an out-parameter was written on failure");
    idpool_report_free(report);

    report = NULL;
    EXPECT_RESULT(idpool_audit_trust(TEXT(audit), &report), IDPOOL_RESULT_OK);
    EXPECT(idpool_report_warning_count(report) == 1, "%zu warnings",
           idpool_report_warning_count(report));
    EXPECT_RESULT(idpool_report_warning_code(report, 0, &text, &len),
                  IDPOOL_RESULT_OK);
    EXPECT(strcmp(text, "trust_policy_missing") == 0, "%s", text);
    EXPECT_RESULT(idpool_report_audit_json(report, &text, &len),
                  IDPOOL_RESULT_OK);
    EXPECT(harness_contains(text, len,
                            TEXT_OF("{\"roleArn\":\"" GUEST_ARN "\","
                                    "\"reachedBy\":[{\"identityType\":"
                                    "\"unauthenticated\"}],\"allowed\":[true]}")),
           "%s", text);
    idpool_report_free(report);

    report = NULL;
    EXPECT_RESULT(idpool_checker_new(&checker), IDPOOL_RESULT_OK);
    EXPECT_RESULT(idpool_checker_audit_trust(checker, TEXT(forbidden), &report),
                  IDPOOL_RESULT_INVALID);
    expect_first_error(report, "trust_forbidden_element",
                       "\"path\":\"/TrustPolicies/" "arn:aws:iam::123456789012:role~1Guest/Statement/Resource\"");
    idpool_report_free(report);
    idpool_checker_free(checker);
}

/* Threads: one configured checker and one report, shared read-only. */
#define THREADS 4
#define ROUNDS 25

typedef struct {
    const idpool_checker *checker;
    const idpool_report *shared;
    const char *expected;
    size_t expected_len;
    int failures;
} thread_job;

static void *worker(void *argument) {
    thread_job *job = (thread_job *)argument;
    int round;
    for (round = 0; round < ROUNDS; round++) {
        idpool_report *mine = NULL;
        const char *json = NULL;
        size_t len = 0;
        if (idpool_checker_check(job->checker, TEXT("DescribeIdentityPool"),
                                 TEXT("{\"IdentityPoolId\":\"x\"}"),
                                 &mine) != IDPOOL_RESULT_INVALID ||
            idpool_report_json(mine, &json, &len) != IDPOOL_RESULT_OK ||
            len != job->expected_len ||
            memcmp(json, job->expected, len) != 0) {
            job->failures++;
        }
        idpool_report_free(mine);
        if (idpool_report_json(job->shared, &json, &len) != IDPOOL_RESULT_OK ||
            len != job->expected_len || memcmp(json, job->expected, len) != 0) {
            job->failures++;
        }
    }
    return NULL;
}

static void test_threads(void) {
    idpool_checker *checker = NULL;
    idpool_report *shared = NULL;
    pthread_t threads[THREADS];
    thread_job jobs[THREADS];
    const char *json = NULL;
    size_t len = 0;
    int i;
    EXPECT_RESULT(idpool_checker_new(&checker), IDPOOL_RESULT_OK);
    EXPECT_RESULT(idpool_checker_check(checker, TEXT("DescribeIdentityPool"),
                                       TEXT("{\"IdentityPoolId\":\"x\"}"),
                                       &shared),
                  IDPOOL_RESULT_INVALID);
    EXPECT_RESULT(idpool_report_json(shared, &json, &len), IDPOOL_RESULT_OK);
    for (i = 0; i < THREADS; i++) {
        jobs[i].checker = checker;
        jobs[i].shared = shared;
        jobs[i].expected = json;
        jobs[i].expected_len = len;
        jobs[i].failures = 0;
        EXPECT(pthread_create(&threads[i], NULL, worker, &jobs[i]) == 0,
               "pthread_create");
    }
    for (i = 0; i < THREADS; i++) {
        EXPECT(pthread_join(threads[i], NULL) == 0, "pthread_join");
        EXPECT(jobs[i].failures == 0, "thread %d: %d failures", i,
               jobs[i].failures);
    }
    idpool_report_free(shared);
    idpool_checker_free(checker);
}

/* `depth` nested arrays under an unknown member of a pool: the bytes are
 * malloc'd, the caller frees them; *len_out gets their length. */
static char *deep_pool(size_t depth, size_t *len_out) {
    const char *head = "{\"IdentityPoolName\":\"x\","
                       "\"AllowUnauthenticatedIdentities\":true,\"X\":";
    size_t head_len = strlen(head), len = head_len + 2 * depth + 1, d;
    char *text = (char *)malloc(len);
    if (text == NULL) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
    memcpy(text, head, head_len);
    for (d = 0; d < depth; d++) {
        text[head_len + d] = '[';
        text[head_len + 2 * depth - 1 - d] = ']';
    }
    text[len - 1] = '}';
    *len_out = len;
    return text;
}

/* A checker raised to the largest limits the setters accept. */
static idpool_checker *largest_checker(void) {
    idpool_checker *checker = NULL;
    EXPECT_RESULT(idpool_checker_new(&checker), IDPOOL_RESULT_OK);
    EXPECT_RESULT(idpool_checker_set_max_depth(checker, 100), IDPOOL_RESULT_OK);
    EXPECT_RESULT(idpool_checker_set_max_input_bytes(checker, 256 * MIB),
                  IDPOOL_RESULT_OK);
    EXPECT_RESULT(idpool_checker_set_max_issues(checker, 100000),
                  IDPOOL_RESULT_OK);
    return checker;
}

/* Issue: raising the depth limit to 10 000 000 let a 100 000-deep input
 * crash the host. Limits beyond their ceilings are refused and leave the
 * checker as it was; zero is refused where it makes no sense. */
static void test_limits_out_of_range(void) {
    idpool_checker *checker = NULL;
    idpool_report *report = NULL;
    EXPECT_RESULT(idpool_checker_new(&checker), IDPOOL_RESULT_OK);
    EXPECT_RESULT(idpool_checker_set_max_depth(checker, 10000000),
                  IDPOOL_RESULT_LIMIT_OUT_OF_RANGE);
    EXPECT_RESULT(idpool_checker_set_max_depth(checker, 101),
                  IDPOOL_RESULT_LIMIT_OUT_OF_RANGE);
    EXPECT_RESULT(idpool_checker_set_max_depth(checker, SIZE_MAX),
                  IDPOOL_RESULT_LIMIT_OUT_OF_RANGE);
    EXPECT_RESULT(idpool_checker_set_max_input_bytes(checker, SIZE_MAX),
                  IDPOOL_RESULT_LIMIT_OUT_OF_RANGE);
    EXPECT_RESULT(idpool_checker_set_max_input_bytes(checker, 0),
                  IDPOOL_RESULT_LIMIT_OUT_OF_RANGE);
    EXPECT_RESULT(idpool_checker_set_max_issues(checker, 0),
                  IDPOOL_RESULT_LIMIT_OUT_OF_RANGE);
    EXPECT_RESULT(idpool_checker_set_max_issues(checker, SIZE_MAX),
                  IDPOOL_RESULT_LIMIT_OUT_OF_RANGE);
    EXPECT(strstr(idpool_result_str(IDPOOL_RESULT_LIMIT_OUT_OF_RANGE),
                  "range") != NULL,
           "the result has a text");
    /* The refused settings changed nothing: the default depth of 64. */
    {
        size_t len = 0;
        char *deep = deep_pool(70, &len);
        EXPECT_RESULT(idpool_checker_check(checker, TEXT("CreateIdentityPool"),
                                           (const uint8_t *)deep, len, &report),
                      IDPOOL_RESULT_INVALID);
        expect_first_error(report, "syntax", "\"limit\":64");
        idpool_report_free(report);
        free(deep);
    }
    idpool_checker_free(checker);
}

/* The deepest input the largest limits accept, and a 1 000 000-deep one,
 * on a thread with a 256 KiB stack. */
static void *deep_worker(void *unused) {
    idpool_checker *checker = largest_checker();
    idpool_report *report = NULL;
    size_t len = 0;
    /* The pool object is one level; 99 arrays beneath it reach 100. */
    char *at_ceiling = deep_pool(99, &len);
    char *million;
    (void)unused;
    EXPECT_RESULT(idpool_checker_check(checker, TEXT("CreateIdentityPool"),
                                       (const uint8_t *)at_ceiling, len,
                                       &report),
                  IDPOOL_RESULT_INVALID);
    expect_first_error(report, "unknown_member", "\"normalized\"");
    idpool_report_free(report);
    free(at_ceiling);
    million = deep_pool(1000000, &len);
    report = NULL;
    EXPECT_RESULT(idpool_checker_check(checker, TEXT("CreateIdentityPool"),
                                       (const uint8_t *)million, len, &report),
                  IDPOOL_RESULT_INVALID);
    expect_first_error(report, "syntax", "\"limit\":100");
    idpool_report_free(report);
    free(million);
    idpool_checker_free(checker);
    return NULL;
}

static void test_deepest_input_on_a_small_stack(void) {
    pthread_attr_t attributes;
    pthread_t thread;
    EXPECT(pthread_attr_init(&attributes) == 0, "pthread_attr_init");
    EXPECT(pthread_attr_setstacksize(&attributes, 256 * 1024) == 0,
           "a 256 KiB stack");
    EXPECT(pthread_create(&thread, &attributes, deep_worker, NULL) == 0,
           "pthread_create");
    EXPECT(pthread_join(thread, NULL) == 0, "pthread_join");
    pthread_attr_destroy(&attributes);
}

/* Issue: a token or secret key came back when its container had the wrong
 * JSON type (Logins as a list or a string, a repeated Logins, Credentials
 * as a list). */
static void test_secrets_whatever_their_container(void) {
    static const char *const inputs[][2] = {
        {"GetCredentialsForIdentity",
         "{\"IdentityId\":\"" IDENTITY_ID "\",\"Logins\":[{\"graph.facebook.com\":"
         "\"TOKMARK\"}]}"},
        {"GetCredentialsForIdentity",
         "{\"IdentityId\":\"" IDENTITY_ID "\",\"Logins\":{\"a\":\"x\"},"
         "\"Logins\":\"TOKMARK\"}"},
        {"GetCredentialsForIdentity",
         "{\"IdentityId\":\"" IDENTITY_ID "\",\"Logins\":[\"TOKMARK\"]}"},
        {"GetCredentialsForIdentityResponse",
         "{\"Credentials\":[{\"SecretKey\":\"TOKMARK\"}]}"},
    };
    size_t i;
    for (i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        const char *json = NULL;
        size_t json_len = 0;
        idpool_report *report =
            check(inputs[i][0], inputs[i][1], strlen(inputs[i][1]),
                  IDPOOL_RESULT_INVALID);
        EXPECT_RESULT(idpool_report_json(report, &json, &json_len),
                      IDPOOL_RESULT_OK);
        EXPECT(!harness_contains(json, json_len, TEXT_OF("TOKMARK")),
               "input %lu: the secret is in the report", (unsigned long)i);
        idpool_report_free(report);
    }
}

int main(void) {
    test_version_and_result_strings();
    test_reports();
    test_index_out_of_range_writes_nothing();
    test_null_everywhere();
    test_invalid_utf8();
    test_embedded_nul();
    test_unknown_target();
    test_large_input();
    test_deep_nesting();
    test_max_issues();
    test_limits_out_of_range();
    test_deepest_input_on_a_small_stack();
    test_secrets_whatever_their_container();
    test_ids();
    test_saml_roles();
    test_pool_plan_and_credentials();
    test_trust();
    test_threads();
    return harness_finish("C API");
}
