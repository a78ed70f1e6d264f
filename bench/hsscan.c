// Vectorscan raw scan for bench/run: compiles the patterns (one per line of a JSON-free text file:
// FLAGS<TAB>PATTERN, FLAGS a set of letters i s) into one block-mode database (exact where Vectorscan
// takes the pattern, else prefilter mode, else left out), caches it, and times one scan of the input
// counting match events. Prints: seconds compiled-count prefilter-count refused-count events.
#include <hs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }
static unsigned long long events;
static int on_match(unsigned id, unsigned long long from, unsigned long long to, unsigned flags, void *ctx) {
    (void)id; (void)from; (void)to; (void)flags; (void)ctx; events++; return 0;
}

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: hsscan PATTERNS INPUT CACHE\n"); return 2; }
    hs_database_t *db = NULL;
    int exact = 0, prefilter = 0, refused = 0;
    FILE *cache = fopen(argv[3], "rb");
    if (cache) {
        fseek(cache, 0, SEEK_END); long size = ftell(cache); fseek(cache, 0, SEEK_SET);
        char *bytes = malloc(size);
        if (fread(bytes, 1, size, cache) == (size_t)size && size > 12) {
            memcpy(&exact, bytes, 4); memcpy(&prefilter, bytes + 4, 4); memcpy(&refused, bytes + 8, 4);
            if (hs_deserialize_database(bytes + 12, size - 12, &db) != HS_SUCCESS) db = NULL;
        }
        free(bytes); fclose(cache);
    }
    if (!db) {
        exact = prefilter = refused = 0;
        FILE *f = fopen(argv[1], "r");
        static char line[1 << 16];
        char *sources[1024]; unsigned flags[1024], ids[1024]; unsigned n = 0;
        while (fgets(line, sizeof line, f) && n < 1024) {
            line[strcspn(line, "\n")] = 0;
            char *tab = strchr(line, '\t'); if (!tab) continue; *tab = 0;
            unsigned base = HS_FLAG_UTF8 | HS_FLAG_UCP | HS_FLAG_MULTILINE;
            if (strchr(line, 'i')) base |= HS_FLAG_CASELESS;
            if (strchr(line, 's')) base |= HS_FLAG_DOTALL;
            hs_expr_info_t *info = NULL; hs_compile_error_t *err = NULL; unsigned use = 0;
            if (hs_expression_info(tab + 1, base, &info, &err) == HS_SUCCESS) use = base;
            else { hs_free_compile_error(err); err = NULL;
                if (hs_expression_info(tab + 1, base | HS_FLAG_PREFILTER, &info, &err) == HS_SUCCESS) use = base | HS_FLAG_PREFILTER;
                else { hs_free_compile_error(err); refused++; continue; } }
            if (info->min_width == 0) { free(info); refused++; continue; }
            free(info);
            if (use & HS_FLAG_PREFILTER) prefilter++; else exact++;
            sources[n] = strdup(tab + 1); flags[n] = use; ids[n] = n; n++;
        }
        fclose(f);
        hs_compile_error_t *err = NULL;
        if (hs_compile_multi((const char *const *)sources, flags, ids, n, HS_MODE_BLOCK, NULL, &db, &err) != HS_SUCCESS) {
            fprintf(stderr, "hsscan: %s (expression %d)\n", err->message, err->expression); return 1;
        }
        char *bytes; size_t length;
        if (hs_serialize_database(db, &bytes, &length) == HS_SUCCESS && (cache = fopen(argv[3], "wb"))) {
            fwrite(&exact, 4, 1, cache); fwrite(&prefilter, 4, 1, cache); fwrite(&refused, 4, 1, cache);
            fwrite(bytes, 1, length, cache); fclose(cache); free(bytes);
        }
    }
    FILE *in = fopen(argv[2], "rb");
    fseek(in, 0, SEEK_END); long size = ftell(in); fseek(in, 0, SEEK_SET);
    char *data = malloc(size);
    if (fread(data, 1, size, in) != (size_t)size) return 1;
    fclose(in);
    hs_scratch_t *scratch = NULL;
    hs_alloc_scratch(db, &scratch);
    double start = now();
    hs_scan(db, data, (unsigned)size, 0, scratch, on_match, NULL);
    printf("%.4f %d %d %d %llu\n", now() - start, exact, prefilter, refused, events);
    return 0;
}
