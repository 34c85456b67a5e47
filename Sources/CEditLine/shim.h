// A thin C layer over libedit's native API. Swift cannot call C variadic functions
// (el_set, history), so each use gets a non-variadic inline wrapper here.
#ifndef PILOTAGE_CEDITLINE_SHIM_H
#define PILOTAGE_CEDITLINE_SHIM_H
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <histedit.h>

static inline FILE *pe_stdin(void) { return stdin; }
static inline FILE *pe_stdout(void) { return stdout; }
static inline FILE *pe_stderr(void) { return stderr; }

/// The prompt lives in a buffer owned by the shim: libedit asks for it on every redraw.
static inline char *pe_prompt_buffer(void) {
    static char buffer[512] = "> ";
    return buffer;
}
static inline char *pe_prompt_function(EditLine *el) { (void)el; return pe_prompt_buffer(); }

static inline EditLine *pe_init(const char *program) {
    EditLine *el = el_init(program, stdin, stdout, stderr);
    if (el == NULL) return NULL;
    el_set(el, EL_EDITOR, "emacs");
    el_set(el, EL_SIGNAL, 1);
    el_set(el, EL_PROMPT, pe_prompt_function);
    return el;
}
static inline void pe_set_prompt(const char *prompt) {
    strncpy(pe_prompt_buffer(), prompt, 511);
    pe_prompt_buffer()[511] = 0;
}
static inline void pe_add_function(EditLine *el, const char *name, const char *help,
                                   unsigned char (*fn)(EditLine *, int)) {
    el_set(el, EL_ADDFN, name, help, fn);
}
static inline void pe_bind(EditLine *el, const char *key, const char *name) {
    el_set(el, EL_BIND, key, name, NULL);
}
static inline void pe_source_editrc(EditLine *el) { el_source(el, NULL); }

static inline History *pe_history_init(int size) {
    History *h = history_init();
    if (h == NULL) return NULL;
    HistEvent ev;
    history(h, &ev, H_SETSIZE, size);
    history(h, &ev, H_SETUNIQUE, 1);
    return h;
}
static inline void pe_use_history(EditLine *el, History *h) { el_set(el, EL_HIST, history, h); }
static inline void pe_history_enter(History *h, const char *line) { HistEvent ev; history(h, &ev, H_ENTER, line); }
static inline int pe_history_load(History *h, const char *path) { HistEvent ev; return history(h, &ev, H_LOAD, path); }
static inline int pe_history_save(History *h, const char *path) { HistEvent ev; return history(h, &ev, H_SAVE, path); }
static inline int pe_isatty(int fd) { return isatty(fd); }
#endif
