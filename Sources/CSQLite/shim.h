#ifndef NQL_CSQLITE_SHIM_H
#define NQL_CSQLITE_SHIM_H
#if !__has_include(<sqlite3.h>)
#error "SQLite headers not found: run `apt-get install libsqlite3-dev` (or Scripts/setup)"
#endif
#include <sqlite3.h>

// SQLITE_TRANSIENT is a cast of -1 to a function pointer, which Swift cannot import:
// bind text through this wrapper so SQLite copies it.
static inline int nql_sqlite3_bind_text_copy(sqlite3_stmt *s, int i, const char *text, int n) {
    return sqlite3_bind_text(s, i, text, n, SQLITE_TRANSIENT);
}
#endif
