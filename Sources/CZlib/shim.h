#ifndef SCRAPELINT_CZLIB_SHIM_H
#define SCRAPELINT_CZLIB_SHIM_H
#include <zlib.h>
// zlib's init calls are macros (they pass the version and the stream's size); Swift sees these instead.
static inline int scrapelint_inflate_init(z_stream *stream) {
    // 15 + 32: a gzip or zlib header, detected.
    return inflateInit2(stream, 15 + 32);
}
static inline int scrapelint_deflate_init_gzip(z_stream *stream, int level) {
    // 15 + 16: a gzip header and trailer.
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}
#endif
