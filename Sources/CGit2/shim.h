#ifndef SCRAPELINT_CGIT2_SHIM_H
#define SCRAPELINT_CGIT2_SHIM_H
// libgit2, for the ignore rules of git repositories (.gitignore, .git/info/exclude, core.excludesFile)
// in folder walks.
#include <git2.h>
#endif
