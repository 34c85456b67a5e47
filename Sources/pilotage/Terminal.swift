import CEditLine
import Foundation
import PilotageShell
import Synchronization

/// The interactive front end: libedit line editing, persistent history, tab completion.
final class Terminal {
    static var isInteractive: Bool { pe_isatty(0) != 0 && pe_isatty(1) != 0 }

    let session: Session
    init(session: Session) { self.session = session }

    /// The session the completion callback (a bare C function) reaches.
    nonisolated(unsafe) static var current: Session?

    static var historyPath: String {
        let env = ProcessInfo.processInfo.environment
        if let file = env["PILOTAGE_HISTORY"] { return file }
        let state = env["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? ((env["HOME"] ?? NSHomeDirectory()) + "/.local/state")
        return state + "/pilotage/history"
    }

    func loop() {
        guard let el = pe_init("pilotage"), let history = pe_history_init(1000) else {
            print("libedit indisponible / unavailable"); return
        }
        defer { el_end(el); history_end(history) }
        pe_use_history(el, history)
        let path = Terminal.historyPath
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        _ = pe_history_load(history, path)
        Terminal.current = session
        pe_add_function(el, "pilotage-complete", "complete a word", { el, _ in Terminal.complete(el) })
        pe_bind(el, "^I", "pilotage-complete")
        pe_bind(el, "^R", "em-inc-search-prev")
        pe_source_editrc(el)
        print(session.language == .fr
              ? "Pilotage — tableau de bord CPO des missions locales. « help » pour l'aide, « quit » pour sortir."
              : "Pilotage — CPO dashboard of the Missions locales. \"help\" for help, \"quit\" to leave.")
        var joiner = ContinuedLines()   // lines continued with a final backslash
        while true {
            pe_set_prompt(joiner.isContinuing ? "     ...> " : "pilotage> ")
            var count: Int32 = 0
            guard let raw = el_gets(el, &count) else { print(""); break }
            let typed = String(cString: raw).trimmingCharacters(in: .newlines)
            if typed.trimmingCharacters(in: .whitespaces).isEmpty && !joiner.isContinuing { continue }
            pe_history_enter(history, typed)
            _ = pe_history_save(history, path)
            guard let line = joiner.add(typed) else { continue }
            let result = session.run(line.text)
            if !result.output.isEmpty { print(result.output, terminator: result.output.hasSuffix("\n") ? "" : "\n") }
            if let error = result.error { FileHandle.standardError.write(Data((error + "\n").utf8)) }
            if result.quit { break }
        }
    }

    /// Tab: inserts the common part of the candidates; lists them when several remain.
    static func complete(_ el: OpaquePointer?) -> UInt8 {
        guard let el, let session = current, let info = el_line(el)?.pointee else { return UInt8(CC_ERROR) }
        let length = info.cursor - info.buffer
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(info.buffer).assumingMemoryBound(to: UInt8.self), count: length)
        let before = String(decoding: bytes, as: UTF8.self)
        let completion = session.complete(before)
        guard !completion.candidates.isEmpty else { return UInt8(CC_ERROR) }
        let typed = Array(before)[completion.start...].count
        let common = completion.candidates.count == 1 ? completion.candidates[0] + (completion.candidates[0].hasSuffix("/") ? "" : " ") : completion.commonPrefix
        if common.count > typed {
            // Replace the typed word with the completed one (case may differ).
            el_deletestr(el, Int32(typed))
            _ = el_insertstr(el, common)
            return UInt8(CC_REFRESH)
        }
        if completion.candidates.count > 1 {
            print("")
            let width = (completion.candidates.map(\.count).max() ?? 0) + 2
            let columns = max(1, 100 / width)
            for (i, c) in completion.candidates.enumerated() {
                print(c.padding(toLength: width, withPad: " ", startingAt: 0), terminator: (i + 1) % columns == 0 ? "\n" : "")
            }
            if completion.candidates.count % columns != 0 { print("") }
            return UInt8(CC_REDISPLAY)
        }
        return UInt8(CC_ERROR)
    }
}
