#ifndef SCRAPELINT_CXATTR_SHIM_H
#define SCRAPELINT_CXATTR_SHIM_H
// Extended attributes (listxattr, getxattr, fsetxattr), which Swift's Glibc module leaves out: --fix
// copies them to the file it writes.
#include <sys/xattr.h>
#endif
