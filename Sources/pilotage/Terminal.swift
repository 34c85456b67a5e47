import CEditLine
import Foundation
import PilotageShell

/// The interactive front end: libedit's wide-character line editing in the environment's
/// locale (UTF-8 under C/POSIX), persistent history, tab completion, Ctrl-C that abandons a
/// line or interrupts a command but never ends the session.
final class Terminal {
    static var isInteractive: Bool { pe_isatty(0) != 0 && pe_isatty(1) != 0 }

    let session: Session
    init(session: Session) { self.session = session }

    /// The session the completion callback (a bare C function) reaches, and whether Ctrl-C
    /// abandoned the line being edited.
    nonisolated(unsafe) static var current: Session?
    nonisolated(unsafe) static var lineAbandoned = false

    static var historyPath: String {
        let env = ProcessInfo.processInfo.environment
        if let file = env["PILOTAGE_HISTORY"] { return file }
        let state = env["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? ((env["HOME"] ?? NSHomeDirectory()) + "/.local/state")
        return state + "/pilotage/history"
    }

    /// Whether SIGTERM or SIGHUP asked the session to end (it ends cleanly at the next prompt).
    static var endRequested: Bool { pe_peek_flag(Int32(PE_TERMINATE)) != 0 }
    /// The signal that ended the session, if one did.
    static var endSignal: Int32 { Int32(pe_flag(Int32(PE_TERMINATE)).pointee) }

    func loop() {
        _ = pe_setup_locale()
        pe_install_signals()
        // A long command polls this between steps: Ctrl-C (SIGINT while it runs) stops it.
        session.interruption = { pe_take_flag(Int32(PE_INTERRUPT)) != 0 }
        guard let el = pe_init("pilotage"), let history = pe_history_init(1000) else {
            print(Messages.text(.noLineEditor, session.language)); return
        }
        defer { el_end(el); history_wend(history) }
        pe_use_history(el, history)
        let path = Terminal.historyPath
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        _ = pe_history_load(history, path)
        Terminal.current = session
        // libedit keeps the names of added functions: they live as long as the process.
        pe_add_function(el, Wide.permanent("pilotage-complete"), Wide.permanent("complete a word")) { el, _ in
            Terminal.complete(el)
        }
        pe_add_function(el, Wide.permanent("pilotage-cancel"), Wide.permanent("abandon the line")) { el, _ in
            Terminal.cancel(el)
        }
        for (key, function) in [("^I", "pilotage-complete"), ("^C", "pilotage-cancel"), ("^R", "em-inc-search-prev")] {
            Wide.with(key) { k in Wide.with(function) { pe_bind(el, k, $0) } }
        }
        pe_source_editrc(el)
        print(Messages.text(.welcome, session.language))
        var joiner = ContinuedLines()   // lines continued with a final backslash
        while !Terminal.endRequested {
            Wide.with(joiner.isContinuing ? "     ...> " : "pilotage> ") { pe_set_prompt($0) }
            Terminal.lineAbandoned = false
            var count: Int32 = 0
            guard let raw = el_wgets(el, &count) else {
                if count < 0, !Terminal.endRequested { continue }   // a read error: a new prompt
                print(""); break                                     // Ctrl-D on an empty line
            }
            if Terminal.lineAbandoned { joiner = ContinuedLines(); continue }
            let typed = Terminal.string(raw, count: Int(count)).trimmingCharacters(in: .newlines)
            if typed.unicodeScalars.contains(Unicode.Scalar(UInt32(PE_INVALID_INPUT))!) {
                Terminal.printError(Messages.text(.invalidInput, session.language))
                continue
            }
            if typed.trimmingCharacters(in: .whitespaces).isEmpty && !joiner.isContinuing { continue }
            Wide.with(typed) { pe_history_enter(history, $0) }
            _ = pe_history_save(history, path)
            guard let line = joiner.add(typed) else { continue }
            _ = pe_take_flag(Int32(PE_INTERRUPT))   // a Ctrl-C before the command does not stop it
            let result = session.run(line.text)
            if !result.output.isEmpty { print(result.output, terminator: result.output.hasSuffix("\n") ? "" : "\n") }
            if let error = result.error { Terminal.printError(error) }
            if result.quit { break }
        }
    }

    static func printError(_ text: String) {
        fflush(pe_stdout())
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Ctrl-C while editing: shows « ^C » at the end of the line, leaves it, and the loop drops it.
    static func cancel(_ el: OpaquePointer?) -> UInt8 {
        guard let el else { return UInt8(CC_ERROR) }
        lineAbandoned = true
        Wide.with("\u{05}^C\r") { el_wpush(el, $0) }   // end of line, the mark, Enter
        return UInt8(CC_NORM)
    }

    /// Tab: inserts the common part of the candidates; lists them when several remain.
    static func complete(_ el: OpaquePointer?) -> UInt8 {
        guard let el, let session = current, let info = el_wline(el)?.pointee else { return UInt8(CC_ERROR) }
        let before = string(info.buffer, count: info.cursor - info.buffer)
        let completion = session.complete(before)
        guard !completion.candidates.isEmpty else { return UInt8(CC_ERROR) }
        // libedit counts characters as Unicode scalars (wchar_t); the completion, as Characters.
        let typedText = String(Array(before)[completion.start...])
        let common = completion.candidates.count == 1
            ? completion.candidates[0] + (completion.candidates[0].hasSuffix("/") ? "" : " ")
            : completion.commonPrefix
        if common.count > typedText.count {
            // Replace the typed word with the completed one (case and accents may differ).
            el_deletestr(el, Int32(typedText.unicodeScalars.count))
            _ = Wide.with(common) { el_winsertstr(el, $0) }
            return UInt8(CC_REFRESH)
        }
        if completion.candidates.count > 1 {
            print("")
            let width = (completion.candidates.map(\.count).max() ?? 0) + 2
            let columns = max(1, 100 / width)
            for (i, c) in completion.candidates.enumerated() {
                let cell = c + String(repeating: " ", count: max(0, width - c.count))
                print(cell, terminator: (i + 1) % columns == 0 ? "\n" : "")
            }
            if completion.candidates.count % columns != 0 { print("") }
            return UInt8(CC_REDISPLAY)
        }
        return UInt8(CC_ERROR)
    }

    /// The text of `count` wide characters; a value that is no Unicode scalar becomes U+FFFD.
    static func string(_ wide: UnsafePointer<wchar_t>?, count: Int) -> String {
        guard let wide, count > 0 else { return "" }
        var scalars = String.UnicodeScalarView()
        for i in 0..<count {
            let value = UInt32(bitPattern: Int32(wide[i]))
            if value == 0 { break }
            scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        }
        return String(scalars)
    }
}

/// Zero-terminated wide-character strings, for libedit's wide API.
enum Wide {
    static func characters(_ text: String) -> [wchar_t] {
        text.unicodeScalars.map { wchar_t(bitPattern: $0.value) } + [0]
    }

    /// Calls `body` with a copy of `text` that lives for the call.
    static func with<R>(_ text: String, _ body: (UnsafePointer<wchar_t>) -> R) -> R {
        characters(text).withUnsafeBufferPointer { body($0.baseAddress!) }
    }

    /// A copy of `text` that is never freed (for names libedit keeps).
    static func permanent(_ text: String) -> UnsafePointer<wchar_t> {
        let chars = characters(text)
        let buffer = UnsafeMutablePointer<wchar_t>.allocate(capacity: chars.count)
        buffer.initialize(from: chars, count: chars.count)
        return UnsafePointer(buffer)
    }
}
