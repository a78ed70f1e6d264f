// Exactness check of a Hyperscan-API library as a prefilter (scripts/check-prefilter-library).
// hscheck PATTERNS CORPUS MODE PLATFORM REPS
//   PATTERNS: either FLAGS<TAB>PATTERN lines (the raw patterns, compiled in UTF-8 mode as written; bench/run
//   writes bench/out/patterns.hs), or the lines of `scrapelint rules --prefilter-expressions` (ID, SCOPE,
//   FLAGS, PATTERN in hex, HS_FLAG bits, Hyperscan source in hex: exactly what scrapelint's database
//   compiles, byte-mode rewrites included; line rules only are checked); CORPUS: a text file (CR bytes are
//   made LF); MODE: single (a database per expression) | multi (one database of all);
//   PLATFORM: native | noavx512 | avx2 | generic (the hs_platform_info the databases are compiled for).
// The reference is PCRE2 (UTF, UCP, the rule's flags) on each line alone. A miss is a line PCRE2 matches for
// which the scan reports no match end of that expression. Rep 0 scans line by line, rep 1 the whole corpus, later reps
// chunks of 1-80 lines; every scan copies its bytes to a random shift (0-63) from an aligned buffer.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <hs.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "unhex.h"

#define MAXP 256
static unsigned npat; static char *src[MAXP]; static unsigned hsflags[MAXP]; static int pref[MAXP];
static hs_database_t *dbs[MAXP]; static hs_database_t *multi;
static size_t nlines; static size_t *ls, *le; // line start, content end
static unsigned char *truth; // truth[p*nlines+l]
static unsigned char *seen;
static size_t cur_base_line, cur_nlines, cur_off;
static size_t cursor;
static char *corpus; static size_t csize;


static int on_match(unsigned id, unsigned long long from, unsigned long long to, unsigned flags, void *ctx) {
    (void)from; (void)flags; unsigned p = ctx ? *(unsigned *)ctx : id;
    size_t off = cur_off + to - 1; // absolute offset into corpus
    // find line containing off, from cursor
    if (off < ls[cursor]) { size_t lo = cur_base_line, hi = cur_base_line + cur_nlines; while (lo + 1 < hi) { size_t m = (lo + hi) / 2; if (ls[m] <= off) lo = m; else hi = m; } cursor = lo; }
    else while (cursor + 1 < cur_base_line + cur_nlines && ls[cursor + 1] <= off) cursor++;
    seen[(size_t)p * nlines + cursor] = 1;
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 6) { fprintf(stderr, "usage\n"); return 2; }
    const char *mode = argv[3], *plat = argv[4]; int reps = atoi(argv[5]);
    hs_platform_info_t pi; hs_populate_platform(&pi);
    if (!strcmp(plat, "noavx512")) pi.cpu_features &= ~(unsigned long long)(HS_CPU_FEATURES_AVX512 | HS_CPU_FEATURES_AVX512VBMI);
    else if (!strcmp(plat, "avx2")) pi.cpu_features = HS_CPU_FEATURES_AVX2;
    else if (!strcmp(plat, "generic")) { pi.cpu_features = 0; pi.tune = HS_TUNE_FAMILY_GENERIC; }
    fprintf(stderr, "library %s platform %s tune %u features %llu\n", hs_version(), plat, pi.tune, (unsigned long long)pi.cpu_features);
    FILE *f = fopen(argv[1], "r"); static char line[1 << 22];
    pcre2_code *re[MAXP]; const char *bad[] = {"\\A","\\z","\\Z","\\G","\\K","(*","\\C","\\X","\\R",0};
    while (fgets(line, sizeof line, f) && npat < MAXP) {
        line[strcspn(line, "\n")] = 0;
        char *fields[6]; int nf = 0; for (char *p = line; nf < 6; ) { fields[nf++] = p; char *t = strchr(p, '\t'); if (!t) break; *t = 0; p = t + 1; }
        if (nf == 6) {
            // scrapelint's own expressions: the Hyperscan source and flags as given, PCRE2 with the rule's flags.
            if (strcmp(fields[1], "line")) continue;
            char *pat = unhex(fields[3]); uint32_t po = PCRE2_UTF | PCRE2_UCP;
            if (strchr(fields[2], 'i')) po |= PCRE2_CASELESS;
            if (strchr(fields[2], 's')) po |= PCRE2_DOTALL;
            if (strchr(fields[2], 'x')) po |= PCRE2_EXTENDED;
            if (strchr(fields[2], 'm')) po |= PCRE2_MULTILINE;
            int ec; PCRE2_SIZE eo; pcre2_code *c = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, po, &ec, &eo, NULL);
            if (!c) { fprintf(stderr, "pcre2 refused %s\n", fields[0]); continue; }
            pcre2_jit_compile(c, PCRE2_JIT_COMPLETE);
            unsigned use = (unsigned)strtoul(fields[4], NULL, 10);
            re[npat] = c; src[npat] = strdup(unhex(fields[5])); hsflags[npat] = use; pref[npat] = !!(use & HS_FLAG_PREFILTER); npat++;
            continue;
        }
        if (nf < 2) continue;
        for (int i = 1; i + 1 < nf; i++) fields[i][strlen(fields[i])] = '\t'; // a raw pattern's own tabs
        char *tab = fields[1] - 1;
        char *pat = tab + 1; int skip = 0; for (int i = 0; bad[i]; i++) if (strstr(pat, bad[i])) skip = 1;
        if (skip) continue;
        unsigned base = HS_FLAG_UTF8 | HS_FLAG_UCP | HS_FLAG_MULTILINE; uint32_t po = PCRE2_UTF | PCRE2_UCP;
        if (strchr(line, 'i')) { base |= HS_FLAG_CASELESS; po |= PCRE2_CASELESS; }
        if (strchr(line, 's')) { base |= HS_FLAG_DOTALL; po |= PCRE2_DOTALL; }
        hs_expr_info_t *info = NULL; hs_compile_error_t *err = NULL; unsigned use = 0;
        if (hs_expression_info(pat, base, &info, &err) == HS_SUCCESS) use = base;
        else { hs_free_compile_error(err); err = NULL;
            if (hs_expression_info(pat, base | HS_FLAG_PREFILTER, &info, &err) == HS_SUCCESS) use = base | HS_FLAG_PREFILTER;
            else { hs_free_compile_error(err); continue; } }
        if (info->min_width == 0) { free(info); continue; }
        free(info);
        int ec; PCRE2_SIZE eo; pcre2_code *c = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, po, &ec, &eo, NULL);
        if (!c) { fprintf(stderr, "pcre2 refused %s\n", pat); continue; }
        pcre2_jit_compile(c, PCRE2_JIT_COMPLETE);
        re[npat] = c; src[npat] = strdup(pat); hsflags[npat] = use; pref[npat] = !!(use & HS_FLAG_PREFILTER); npat++;
    }
    fclose(f);
    if (!strcmp(mode, "single")) {
        for (unsigned p = 0; p < npat; p++) { hs_compile_error_t *err = NULL;
            if (hs_compile(src[p], hsflags[p], HS_MODE_BLOCK, &pi, &dbs[p], &err) != HS_SUCCESS) { fprintf(stderr, "compile %u: %s\n", p, err->message); return 1; } }
    } else {
        unsigned ids[MAXP]; for (unsigned p = 0; p < npat; p++) ids[p] = p; hs_compile_error_t *err = NULL;
        if (hs_compile_multi((const char *const *)src, hsflags, ids, npat, HS_MODE_BLOCK, &pi, &multi, &err) != HS_SUCCESS) { fprintf(stderr, "compile: %s\n", err->message); return 1; }
    }
    f = fopen(argv[2], "rb"); fseek(f, 0, SEEK_END); csize = ftell(f); fseek(f, 0, SEEK_SET);
    corpus = malloc(csize); if (fread(corpus, 1, csize, f) != csize) return 1; fclose(f);
    for (size_t i = 0; i < csize; i++) if (corpus[i] == '\r') corpus[i] = '\n';
    for (size_t i = 0; i < csize; i++) if (corpus[i] == '\n') nlines++;
    if (csize && corpus[csize - 1] != '\n') nlines++;
    ls = malloc(nlines * sizeof *ls); le = malloc(nlines * sizeof *le);
    { size_t l = 0, s = 0; for (size_t i = 0; i < csize; i++) if (corpus[i] == '\n') { ls[l] = s; le[l] = i; l++; s = i + 1; } if (l < nlines) { ls[l] = s; le[l] = csize; } }
    truth = calloc((size_t)npat * nlines, 1); seen = calloc((size_t)npat * nlines, 1);
    pcre2_match_data *md = pcre2_match_data_create(8, NULL); size_t positives = 0;
    for (unsigned p = 0; p < npat; p++) for (size_t l = 0; l < nlines; l++) {
        int rc = pcre2_match(re[p], (PCRE2_SPTR)corpus + ls[l], le[l] - ls[l], 0, 0, md, NULL);
        if (rc >= 0) { truth[(size_t)p * nlines + l] = 1; positives++; }
        else if (rc < -1 && rc != PCRE2_ERROR_NOMATCH) { fprintf(stderr, "pcre2 error %d (invalid UTF-8 at line %zu?)\n", rc, l); truth[(size_t)p*nlines+l]=2; }
    }
    { int np = 0; for (unsigned p = 0; p < npat; p++) np += pref[p]; fprintf(stderr, "%u expressions (%d in prefilter mode), %zu lines, %zu positive (expression, line) pairs\n", npat, np, nlines, positives); }
    hs_scratch_t *scratch = NULL;
    if (multi) hs_alloc_scratch(multi, &scratch); else for (unsigned p = 0; p < npat; p++) hs_alloc_scratch(dbs[p], &scratch);
    char *buf = malloc(csize + 128);
    unsigned long long total_miss = 0, scans = 0; unsigned long long miss_by[MAXP] = {0};
    srand(12345);
    for (int r = 0; r < reps; r++) {
        // chunks: documents of varying line counts starting at varying lines, each at a random shift
        size_t l = (size_t)(rand() % 7);
        memset(seen, 0, (size_t)npat * nlines);
        while (l < nlines) {
            size_t n = 1 + rand() % (r == 0 ? 1 : 80); if (r == 1) n = nlines; // rep 0: line by line; rep 1: whole corpus
            if (l + n > nlines) n = nlines - l;
            size_t start = ls[l], end = (l + n < nlines) ? ls[l + n] : csize;
            size_t shift = rand() % 64; memcpy(buf + shift, corpus + start, end - start);
            cur_base_line = l; cur_nlines = n; cur_off = start; cursor = l;
            if (multi) { hs_scan(multi, buf + shift, end - start, 0, scratch, on_match, NULL); scans++; }
            else for (unsigned p = 0; p < npat; p++) { cursor = l; hs_scan(dbs[p], buf + shift, end - start, 0, scratch, on_match, &p); scans++; }
            l += n;
        }
        unsigned long long miss = 0;
        for (unsigned p = 0; p < npat; p++) for (size_t k = 0; k < nlines; k++)
            if (truth[(size_t)p * nlines + k] == 1 && !seen[(size_t)p * nlines + k]) { miss++; miss_by[p]++;
                if (miss_by[p] <= 2) fprintf(stderr, "  miss rep %d expr %u%s line %zu: %.*s\n", r, p, pref[p] ? " (prefilter)" : "", k, (int)(le[k]-ls[k] > 100 ? 100 : le[k]-ls[k]), corpus + ls[k]); }
        total_miss += miss;
    }
    printf("%s %s %s reps=%d scans=%llu misses=%llu\n", hs_version(), mode, plat, reps, scans, total_miss);
    for (unsigned p = 0; p < npat; p++) if (miss_by[p]) printf("  expr %u%s misses %llu: %.80s\n", p, pref[p] ? " (prefilter)" : "", miss_by[p], src[p]);
    return 0;
}
