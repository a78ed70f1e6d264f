#ifndef SCRAPELINT_CLIBCRYPTO_SHIM_H
#define SCRAPELINT_CLIBCRYPTO_SHIM_H
// OpenSSL's SHA-256 (libcrypto), for the edit log and the result cache. The low-level calls are deprecated
// since OpenSSL 3.0 (still in every 3.x build); they skip EVP's process-wide initialization (see SHA256.swift).
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>
#endif
