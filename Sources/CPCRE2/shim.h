#ifndef SCRAPELINT_CPCRE2_SHIM_H
#define SCRAPELINT_CPCRE2_SHIM_H
// PCRE2 needs the code unit width before its header is included; scrapelint matches UTF-8 bytes.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#endif
