// Where the time of scrapelint's own Hyperscan scan goes, expression by expression (bench/RESULTS.md).
// hsprofile EXPRESSIONS CORPUS [REPS] [--whole | --records N | --leave-one-out]
//   EXPRESSIONS: the lines of `scrapelint rules --isolated --prefilter-expressions` (ID, SCOPE, FLAGS,
//   PATTERN in hex, HS_FLAG bits, Hyperscan source in hex: what scrapelint's database compiles);
//   CORPUS: an LF text file (the 30 MB bench corpus). REPS: scans per timing, the best is kept (default 3).
// Prints the whole database's scan (seconds, match events), then per expression: its scan alone in a
// database of its own, the size of that database, its match events, the lines holding one of its match ends (the candidates the scan
// hands on), and for line rules the lines PCRE2 matches (UTF, UCP, the rule's flags, each line alone).
// With --whole only the whole database's scan; with --records N also the corpus scanned as N documents
// cut at line ends (the fixed cost per scan of `clean --jsonl`). With --leave-one-out also the whole database's scan without that expression (one compile each: slow).
// Times are the thread's CPU time (the machine is shared; the best of REPS scans).
// The callback does what MultiPatternPass's does in spirit: finds the line of each end (a moving cursor).
#define PCRE2_CODE_UNIT_WIDTH 8
#include <hs.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "unhex.h"
#include <time.h>

#define MAXP 256
static unsigned npat;
static char *id[MAXP], *scope[MAXP], *src[MAXP];
static unsigned hsflags[MAXP];
static pcre2_code *re[MAXP];
static char *corpus;
static size_t csize, nlines, *ls, *le;
static size_t cursor;
static unsigned long long events[MAXP];
static long long lastline[MAXP];
static unsigned long long cands[MAXP];

static double now(void) { struct timespec t; clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t); return t.tv_sec + t.tv_nsec / 1e9; }


static int on_match(unsigned expr, unsigned long long from, unsigned long long to, unsigned flags, void *ctx) {
    (void)from; (void)flags;
    unsigned p = ctx ? *(unsigned *)ctx : expr;
    size_t off = to - 1;
    if (off < ls[cursor]) { size_t lo = 0, hi = nlines; while (lo + 1 < hi) { size_t m = (lo + hi) / 2; if (ls[m] <= off) lo = m; else hi = m; } cursor = lo; }
    else while (cursor + 1 < nlines && ls[cursor + 1] <= off) cursor++;
    events[p]++;
    if (lastline[p] != (long long)cursor) { lastline[p] = (long long)cursor; cands[p]++; }
    return 0;
}

static int on_match_chunk(unsigned expr, unsigned long long from, unsigned long long to, unsigned flags, void *ctx) {
    (void)expr; (void)from; (void)to; (void)flags; (void)ctx; events[0]++; return 0;
}

static double timed(hs_database_t *db, unsigned *ctx, int reps) {
    hs_scratch_t *scratch = NULL;
    if (hs_alloc_scratch(db, &scratch) != HS_SUCCESS) { fprintf(stderr, "scratch\n"); exit(1); }
    double best = 1e9;
    for (int r = 0; r < reps; r++) {
        memset(events, 0, sizeof events); memset(cands, 0, sizeof cands);
        for (unsigned p = 0; p < MAXP; p++) lastline[p] = -1;
        cursor = 0;
        double start = now();
        hs_scan(db, corpus, (unsigned)csize, 0, scratch, on_match, ctx);
        double t = now() - start;
        if (t < best) best = t;
    }
    hs_free_scratch(scratch);
    return best;
}

static hs_database_t *compile_all(int skip) {
    const char *sources[MAXP]; unsigned flags[MAXP], ids[MAXP]; unsigned n = 0;
    for (unsigned p = 0; p < npat; p++) if ((int)p != skip) { sources[n] = src[p]; flags[n] = hsflags[p]; ids[n] = p; n++; }
    hs_database_t *db = NULL; hs_compile_error_t *err = NULL;
    if (hs_compile_multi(sources, flags, ids, n, HS_MODE_BLOCK, NULL, &db, &err) != HS_SUCCESS) {
        fprintf(stderr, "compile: %s (expression %d)\n", err->message, err->expression); exit(1);
    }
    return db;
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: hsprofile EXPRESSIONS CORPUS [REPS] [--whole | --records N | --leave-one-out]\n"); return 2; }
    int reps = argc > 3 && argv[3][0] != '-' ? atoi(argv[3]) : 3;
    int loo = 0, whole_only = 0; long records = 0;
    for (int i = 3; i < argc; i++) {
        if (!strcmp(argv[i], "--leave-one-out")) loo = 1;
        if (!strcmp(argv[i], "--whole")) whole_only = 1;
        if (!strcmp(argv[i], "--records") && i + 1 < argc) records = atol(argv[++i]);
    }
    FILE *f = fopen(argv[1], "r"); static char line[1 << 22];
    if (!f) { perror(argv[1]); return 2; }
    while (fgets(line, sizeof line, f) && npat < MAXP) {
        line[strcspn(line, "\n")] = 0;
        char *fields[6]; int nf = 0;
        for (char *p = line; nf < 6; ) { fields[nf++] = p; char *t = strchr(p, '\t'); if (!t) break; *t = 0; p = t + 1; }
        if (nf != 6) continue;
        id[npat] = strdup(fields[0]); scope[npat] = strdup(fields[1]);
        uint32_t po = PCRE2_UTF | PCRE2_UCP;
        if (strchr(fields[2], 'i')) po |= PCRE2_CASELESS;
        if (strchr(fields[2], 's')) po |= PCRE2_DOTALL;
        if (strchr(fields[2], 'x')) po |= PCRE2_EXTENDED;
        if (strchr(fields[2], 'm')) po |= PCRE2_MULTILINE;
        char *pat = unhex(fields[3]);
        int ec; PCRE2_SIZE eo;
        re[npat] = strcmp(scope[npat], "line") ? NULL : pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, po, &ec, &eo, NULL);
        if (re[npat]) pcre2_jit_compile(re[npat], PCRE2_JIT_COMPLETE);
        hsflags[npat] = (unsigned)strtoul(fields[4], NULL, 10);
        src[npat] = strdup(unhex(fields[5]));
        npat++;
    }
    fclose(f);
    f = fopen(argv[2], "rb"); if (!f) { perror(argv[2]); return 2; }
    fseek(f, 0, SEEK_END); csize = ftell(f); fseek(f, 0, SEEK_SET);
    corpus = malloc(csize); if (fread(corpus, 1, csize, f) != csize) return 1; fclose(f);
    for (size_t i = 0; i < csize; i++) if (corpus[i] == '\n') nlines++;
    if (csize && corpus[csize - 1] != '\n') nlines++;
    ls = malloc(nlines * sizeof *ls); le = malloc(nlines * sizeof *le);
    { size_t l = 0, s = 0; for (size_t i = 0; i < csize; i++) if (corpus[i] == '\n') { ls[l] = s; le[l] = i; l++; s = i + 1; } if (l < nlines) { ls[l] = s; le[l] = csize; } }

    hs_database_t *all = compile_all(-1);
    size_t dbsize = 0; hs_database_size(all, &dbsize);
    double whole = timed(all, NULL, reps);
    unsigned long long total = 0, totalc = 0; unsigned long long ev[MAXP], cd[MAXP];
    for (unsigned p = 0; p < npat; p++) { total += events[p]; totalc += cands[p]; ev[p] = events[p]; cd[p] = cands[p]; }
    printf("whole database: %u expressions, %zu bytes, %zu lines, %zu bytes scanned: scan %.4f s, %llu match events, %llu candidate (expression, line) pairs\n",
           npat, dbsize, nlines, csize, whole, total, totalc);
    if (records > 0) {
        // The corpus as RECORDS documents of about equal size cut at line ends, each scanned alone (as
        // `clean --jsonl` scans each record): the fixed cost of a scan shows against the whole-text scan.
        hs_scratch_t *scratch = NULL; hs_alloc_scratch(all, &scratch);
        double best = 1e9;
        for (int r = 0; r < reps; r++) {
            double start = now(); size_t from = 0;
            for (long k = 1; k <= records && from < csize; k++) {
                size_t to = k == records ? csize : (size_t)((double)csize * k / records);
                while (to < csize && corpus[to - 1] != '\n') to++;
                if (to <= from) continue;
                cursor = 0; hs_scan(all, corpus + from, (unsigned)(to - from), 0, scratch, on_match_chunk, NULL);
                from = to;
            }
            double t = now() - start; if (t < best) best = t;
        }
        printf("as %ld records: scan %.4f s\n", records, best);
    }
    if (whole_only || records > 0) return 0;
    printf("%-3s %-34s %-9s %9s %9s %11s %10s %10s%s\n", "#", "rule", "scope", "alone s", "bytes", "events", "cand lines", "pcre lines", loo ? "  without s" : "");
    pcre2_match_data *md = pcre2_match_data_create(8, NULL);
    for (unsigned p = 0; p < npat; p++) {
        hs_database_t *db = NULL; hs_compile_error_t *err = NULL;
        if (hs_compile(src[p], hsflags[p], HS_MODE_BLOCK, NULL, &db, &err) != HS_SUCCESS) { fprintf(stderr, "compile %s: %s\n", id[p], err->message); return 1; }
        double alone = timed(db, &p, reps);
        size_t size = 0; hs_database_size(db, &size);
        hs_free_database(db);
        if (events[p] != ev[p] || cands[p] != cd[p]) fprintf(stderr, "note: %s alone gives %llu events, in the whole database %llu\n", id[p], events[p], ev[p]);
        long long truth = -1;
        if (re[p]) {
            truth = 0;
            for (size_t l = 0; l < nlines; l++) if (pcre2_match(re[p], (PCRE2_SPTR)corpus + ls[l], le[l] - ls[l], 0, 0, md, NULL) >= 0) truth++;
        }
        printf("%-3u %-34s %-9s %9.4f %9zu %11llu %10llu %10lld", p, id[p], scope[p], alone, size, ev[p], cd[p], truth);
        if (loo) { hs_database_t *rest = compile_all((int)p); printf("  %9.4f", timed(rest, NULL, reps)); hs_free_database(rest); }
        printf("\n");
        fflush(stdout);
    }
    return 0;
}
