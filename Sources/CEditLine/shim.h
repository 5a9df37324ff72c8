#ifndef NQL_CEDITLINE_SHIM_H
#define NQL_CEDITLINE_SHIM_H
#if !__has_include(<histedit.h>)
#error "libedit headers not found: run `apt-get install libedit-dev` (or Scripts/setup)"
#endif
#include <stdio.h>
#include <histedit.h>

// Swift cannot call C variadic functions (el_set, el_get, history) nor use the
// stdin/stdout globals under Swift 6, so each use gets a one-line wrapper here.

/// An editor on the process's standard streams.
static inline EditLine *nql_el_init(const char *prog) { return el_init(prog, stdin, stdout, stderr); }
/// The prompt function.
static inline int nql_el_set_prompt(EditLine *el, char *(*f)(EditLine *)) { return el_set(el, EL_PROMPT, f); }
/// "emacs" or "vi" key bindings.
static inline int nql_el_set_editor(EditLine *el, const char *mode) { return el_set(el, EL_EDITOR, mode); }
/// Whether libedit installs its own signal handlers.
static inline int nql_el_set_signal(EditLine *el, int on) { return el_set(el, EL_SIGNAL, on); }
/// The history the editor's arrow keys walk.
static inline int nql_el_set_history(EditLine *el, History *h) { return el_set(el, EL_HIST, history, h); }
/// The context pointer every callback can fetch.
static inline int nql_el_set_clientdata(EditLine *el, void *data) { return el_set(el, EL_CLIENTDATA, data); }
/// The context pointer set with nql_el_set_clientdata.
static inline void *nql_el_get_clientdata(EditLine *el) {
    void *data = NULL;
    el_get(el, EL_CLIENTDATA, &data);
    return data;
}
/// Registers a named editor function.
static inline int nql_el_add_function(EditLine *el, const char *name, const char *help,
                                      unsigned char (*f)(EditLine *, int)) {
    return el_set(el, EL_ADDFN, name, help, f);
}
/// Binds a key sequence (e.g. "^C") to a named editor function.
static inline int nql_el_bind(EditLine *el, const char *key, const char *function) {
    return el_set(el, EL_BIND, key, function, (const char *)NULL);
}
/// One terminal setting for a mode ("-d" editing), e.g. "-isig".
static inline int nql_el_setty(EditLine *el, const char *mode, const char *setting) {
    return el_set(el, EL_SETTY, mode, setting, (const char *)NULL);
}
/// Puts the terminal in raw (1) or cooked (0) mode.
static inline int nql_el_prep_term(EditLine *el, int raw) { return el_set(el, EL_PREP_TERM, raw); }

/// Sets how many entries the history keeps.
static inline int nql_history_set_size(History *h, int size) {
    HistEvent ev;
    return history(h, &ev, H_SETSIZE, size);
}
/// Whether a line equal to the previous one is dropped.
static inline int nql_history_set_unique(History *h, int on) {
    HistEvent ev;
    return history(h, &ev, H_SETUNIQUE, on);
}
/// Adds an entry.
static inline int nql_history_enter(History *h, const char *line) {
    HistEvent ev;
    return history(h, &ev, H_ENTER, line);
}
/// Reads a history file (libedit's format); -1 on failure.
static inline int nql_history_load(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_LOAD, path);
}
/// Writes the history to an open stream; -1 on failure.
static inline int nql_history_save_fp(History *h, FILE *fp) {
    HistEvent ev;
    return history(h, &ev, H_SAVE_FP, fp);
}
/// The number of entries.
static inline int nql_history_count(History *h) {
    HistEvent ev;
    if (history(h, &ev, H_GETSIZE) < 0) return 0;
    return ev.num;
}
#endif
