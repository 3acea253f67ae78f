// The header in a C++ translation unit, included twice (the include guard
// must hold), compiled with -std=c++11 -Wall -Wextra -Werror -pedantic and
// linked against the library: the extern "C" block and the typed result
// enum must work for C++ callers.
#include "idpool.h"
#include "idpool.h"

#include <cstdio>
#include <cstring>
#include <string>

static_assert(IDPOOL_RESULT_OK == 0, "OK is 0");
static_assert(sizeof(idpool_result) == sizeof(uint32_t), "result codes are 32-bit");

int main() {
    if (std::strcmp(idpool_version(), IDPOOL_VERSION_STRING) != 0) {
        std::fprintf(stderr, "version mismatch\n");
        return 1;
    }
    const std::string target = "DescribeIdentityPool";
    const std::string json = "{\"IdentityPoolId\":\"us-east-1_AbCdEfGhI\"}";
    idpool_report *report = nullptr;
    idpool_result result =
        idpool_check(reinterpret_cast<const uint8_t *>(target.data()), target.size(),
                     reinterpret_cast<const uint8_t *>(json.data()), json.size(), &report);
    const char *code = nullptr;
    size_t len = 0;
    bool good = result == IDPOOL_RESULT_INVALID && report != nullptr &&
                idpool_report_error_code(report, 0, &code, &len) == IDPOOL_RESULT_OK &&
                std::string(code, len) == "pattern";
    idpool_report_free(report);
    if (!good) {
        std::fprintf(stderr, "C++: unexpected result %s\n", idpool_result_str(result));
        return 1;
    }
    std::printf("C++ translation unit: header included twice, check works\n");
    return 0;
}
