#ifndef SCRAPELINT_CLIBCRYPTO_SHIM_H
#define SCRAPELINT_CLIBCRYPTO_SHIM_H
// OpenSSL's digests (libcrypto), for the SHA-256 of the edit log.
#include <openssl/evp.h>
#endif
