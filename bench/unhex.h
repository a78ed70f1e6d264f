// Shared by the bench harnesses that read `scrapelint rules --prefilter-expressions` (hscheck.c, hsprofile.c).
#include <stdio.h>
#include <string.h>

// Decodes hex in place; returns the text.
static char *unhex(char *text) {
    size_t n = strlen(text) / 2;
    for (size_t i = 0; i < n; i++) { unsigned v; sscanf(text + 2 * i, "%2x", &v); text[i] = (char)v; }
    text[n] = 0;
    return text;
}
