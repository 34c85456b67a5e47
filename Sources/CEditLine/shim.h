// A thin C layer over libedit's native, wide-character API. Swift cannot call C variadic
// functions (el_wset, history_w), so each use gets a non-variadic inline wrapper here; the
// signal handlers live here too, since they may only touch `sig_atomic_t` flags.
#ifndef PILOTAGE_CEDITLINE_SHIM_H
#define PILOTAGE_CEDITLINE_SHIM_H
#include <errno.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>
#include <histedit.h>

static inline FILE *pe_stdin(void) { return stdin; }
static inline FILE *pe_stdout(void) { return stdout; }
static inline FILE *pe_stderr(void) { return stderr; }

// MARK: locale

/// The character type of the environment's locale (LANG, LC_ALL, LC_CTYPE); under the C or
/// POSIX locale (ASCII), UTF-8. Only LC_CTYPE changes: numbers are never read or written
/// through the C library's locale. Returns the codeset in use.
static inline const char *pe_setup_locale(void) {
    setlocale(LC_CTYPE, "");
    const char *codeset = nl_langinfo(CODESET);
    if (strcmp(codeset, "ANSI_X3.4-1968") == 0 || strcmp(codeset, "ASCII") == 0 || strcmp(codeset, "US-ASCII") == 0) {
        if (setlocale(LC_CTYPE, "C.UTF-8") == NULL) setlocale(LC_CTYPE, "en_US.UTF-8");
    }
    return nl_langinfo(CODESET);
}

// MARK: signals

/// Flags the handlers set: an interrupt (SIGINT), a request to end (SIGTERM, SIGHUP: the flag
/// holds the signal's number), a resize.
static inline volatile sig_atomic_t *pe_flag(int which) {
    static volatile sig_atomic_t flags[3];
    return &flags[which];
}
enum { PE_INTERRUPT = 0, PE_TERMINATE = 1, PE_RESIZE = 2 };

/// The thread that reads the terminal: a signal must interrupt its `read`.
static inline pthread_t *pe_reader_thread(void) {
    static pthread_t thread;
    return &thread;
}

static inline void pe_on_signal(int signo) {
    // The kernel may hand the signal to any thread (Dispatch's workers too): pass it on to the
    // reader, whose blocked `read` must return.
    if (!pthread_equal(pthread_self(), *pe_reader_thread())) { pthread_kill(*pe_reader_thread(), signo); return; }
    if (signo == SIGINT) *pe_flag(PE_INTERRUPT) = 1;
    else if (signo == SIGWINCH) *pe_flag(PE_RESIZE) = 1;
    else { *pe_flag(PE_TERMINATE) = signo; *pe_flag(PE_INTERRUPT) = 1; }
}

/// SIGINT, SIGTERM, SIGHUP and SIGWINCH set flags instead of ending the process; a blocked
/// read returns (no SA_RESTART) so that the loop can look at them.
static inline void pe_install_signals(void) {
    *pe_reader_thread() = pthread_self();
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = pe_on_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGHUP, &action, NULL);
    sigaction(SIGWINCH, &action, NULL);
    // A parent may have blocked them (the mask is inherited): they must reach us.
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGINT);
    sigaddset(&mask, SIGTERM);
    sigaddset(&mask, SIGHUP);
    sigaddset(&mask, SIGWINCH);
    sigprocmask(SIG_UNBLOCK, &mask, NULL);
}

/// Reads and clears a flag.
static inline int pe_take_flag(int which) {
    int was = *pe_flag(which) != 0;
    *pe_flag(which) = 0;
    return was;
}
static inline int pe_peek_flag(int which) { return *pe_flag(which) != 0; }

// MARK: input

/// U+FFFD stands for bytes that are not a character of the locale's encoding: the line is then
/// refused with a message instead of losing them silently (libedit's own reader drops them).
#define PE_INVALID_INPUT 0xFFFD

/// libedit's character reader (EL_GETCFN): one character of the locale's encoding from
/// standard input. A signal that asks to end the session reads as end of file.
static inline int pe_getc(EditLine *el, wchar_t *out) {
    char bytes[MB_LEN_MAX];
    size_t count = 0;
    for (;;) {
        unsigned char byte;
        ssize_t got = read(STDIN_FILENO, &byte, 1);
        if (got == 0) return 0;
        if (got < 0) {
            if (errno != EINTR) return -1;
            if (pe_peek_flag(PE_TERMINATE)) return 0;
            if (pe_take_flag(PE_RESIZE)) el_resize(el);
            continue;
        }
        bytes[count++] = (char)byte;
        mbstate_t state;
        memset(&state, 0, sizeof state);
        wchar_t c;
        size_t used = mbrtowc(&c, bytes, count, &state);
        if (used == (size_t)-2 && count < MB_LEN_MAX) continue;   // a character not complete yet
        if (used == (size_t)-1 || used == (size_t)-2) { *out = PE_INVALID_INPUT; return 1; }
        *out = used == 0 ? L'\0' : c;
        return 1;
    }
}

// MARK: editor

/// The prompt lives in a buffer owned by the shim: libedit asks for it on every redraw.
static inline wchar_t *pe_prompt_buffer(void) {
    static wchar_t buffer[128] = L"> ";
    return buffer;
}
static inline wchar_t *pe_prompt_function(EditLine *el) { (void)el; return pe_prompt_buffer(); }
static inline void pe_set_prompt(const wchar_t *prompt) {
    wcsncpy(pe_prompt_buffer(), prompt, 127);
    pe_prompt_buffer()[127] = 0;
}

/// An editor in emacs mode on the terminal. The terminal's signal keys are off while a line is
/// edited (Ctrl-C is a key bound by the caller, not a signal); they are on while a command runs.
static inline EditLine *pe_init(const char *program) {
    EditLine *el = el_init(program, stdin, stdout, stderr);
    if (el == NULL) return NULL;
    el_wset(el, EL_EDITOR, L"emacs");
    el_wset(el, EL_SIGNAL, 0);
    el_wset(el, EL_PROMPT, pe_prompt_function);
    el_wset(el, EL_GETCFN, pe_getc);
    el_wset(el, EL_SETTY, L"-d", L"-isig", NULL);
    return el;
}
static inline void pe_add_function(EditLine *el, const wchar_t *name, const wchar_t *help,
                                   unsigned char (*fn)(EditLine *, int)) {
    el_wset(el, EL_ADDFN, name, help, fn);
}
static inline void pe_bind(EditLine *el, const wchar_t *key, const wchar_t *name) {
    el_wset(el, EL_BIND, key, name, NULL);
}
static inline void pe_source_editrc(EditLine *el) { el_source(el, NULL); }

// MARK: history (wide: saved as UTF-8 under a UTF-8 locale)

static inline HistoryW *pe_history_init(int size) {
    HistoryW *h = history_winit();
    if (h == NULL) return NULL;
    HistEventW ev;
    history_w(h, &ev, H_SETSIZE, size);
    history_w(h, &ev, H_SETUNIQUE, 1);
    return h;
}
static inline void pe_use_history(EditLine *el, HistoryW *h) { el_wset(el, EL_HIST, history_w, h); }
static inline void pe_history_enter(HistoryW *h, const wchar_t *line) { HistEventW ev; history_w(h, &ev, H_ENTER, line); }
static inline int pe_history_load(HistoryW *h, const char *path) { HistEventW ev; return history_w(h, &ev, H_LOAD, path); }
static inline int pe_history_save(HistoryW *h, const char *path) { HistEventW ev; return history_w(h, &ev, H_SAVE, path); }
static inline int pe_isatty(int fd) { return isatty(fd); }
#endif
