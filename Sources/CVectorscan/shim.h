#ifndef SCRAPELINT_CVECTORSCAN_SHIM_H
#define SCRAPELINT_CVECTORSCAN_SHIM_H
// Vectorscan (the portable fork of Hyperscan), Debian's libvectorscan-dev: headers in /usr/include/hs.
#include <hs.h>
#endif
