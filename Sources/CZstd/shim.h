#ifndef SCRAPELINT_CZSTD_SHIM_H
#define SCRAPELINT_CZSTD_SHIM_H
#include <zstd.h>
#endif
