import Foundation
import PilotageWorkspace

/// The session's lasting state in a workspace file: loaded when attached, saved after each
/// command that succeeded (only what changed, in one transaction).
extension Session {
    /// What the workspace keeps, by kind and key, as text (JSON for structured values).
    func snapshot() -> [String: [String: String]] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        func json<T: Encodable>(_ v: T) -> String { (try? encoder.encode(v)).map { String(decoding: $0, as: UTF8.self) } ?? "" }
        var s: [String: [String: String]] = [:]
        s["scenario"] = scenarios.mapValues(json)
        s["variable"] = variables
        s["convention"] = editedConventions.mapValues(json)
        s["avenant"] = avenantDetails.mapValues(json)
        var annotation: [String: String] = [:], synthesis: [String: String] = [:], cleared: [String: String] = [:]
        for (ml, notes) in annotations { for (theme, text) in notes { annotation["\(ml)|\(theme)"] = text } }
        for (ml, notes) in synthesisNotes { for (key, texts) in notes { synthesis["\(ml)|\(key)"] = json(texts) } }
        for (ml, keys) in synthesisCleared { for key in keys { cleared["\(ml)|\(key)"] = "1" } }
        s["annotation"] = annotation; s["synthesis"] = synthesis; s["synthesis-cleared"] = cleared
        return s
    }

    /// The file of the attached workspace.
    public var workspacePath: String? { workspace?.path }

    /// Opens a workspace file and restores what it holds into the session.
    public func attach(workspace path: String) throws(ShellError) {
        let fr = language == .fr
        let w: Workspace, entries: [String: [String: String]]
        do { w = try Workspace(path: path); entries = try w.load() } catch {
            throw ShellError(fr ? "espace de travail illisible : \(error.description)" : "cannot open the workspace: \(error.description)")
        }
        let decoder = JSONDecoder()
        func value<T: Decodable>(_ type: T.Type, _ text: String) -> T? { try? decoder.decode(type, from: Data(text.utf8)) }
        for (name, text) in entries["scenario"] ?? [:] { if let s = value(Scenario.self, text) { scenarios[name] = s } }
        for (name, text) in entries["variable"] ?? [:] { variables[name] = text }
        for (ml, text) in entries["avenant"] ?? [:] { if let d = value(Avenant.Details.self, text) { avenantDetails[ml] = d } }
        for (key, text) in entries["annotation"] ?? [:] {
            let parts = key.split(separator: "|", maxSplits: 1).map(String.init)
            if parts.count == 2 { annotations[parts[0], default: [:]][parts[1]] = text }
        }
        for (key, text) in entries["synthesis"] ?? [:] {
            let parts = key.split(separator: "|", maxSplits: 1).map(String.init)
            if parts.count == 2, let texts = value([String].self, text) { synthesisNotes[parts[0], default: [:]][parts[1]] = texts }
        }
        for key in (entries["synthesis-cleared"] ?? [:]).keys {
            let parts = key.split(separator: "|", maxSplits: 1).map(String.init)
            if parts.count == 2 { synthesisCleared[parts[0], default: []].insert(parts[1]) }
        }
        let conventions = (entries["convention"] ?? [:]).values.compactMap { value(Convention.self, $0) }
        if !conventions.isEmpty {
            for c in conventions.sorted(by: { $0.number < $1.number }) { try replace(c) }
        }
        workspace = w
        savedSnapshot = snapshot()
    }

    /// Saves what changed since the last save. Called after each command that succeeded.
    func persist() throws(ShellError) {
        guard let workspace else { return }
        let now = snapshot()
        var set: [(kind: String, key: String, value: String)] = [], remove: [(kind: String, key: String)] = []
        for (kind, entries) in now {
            for (key, value) in entries where savedSnapshot[kind]?[key] != value { set.append((kind, key, value)) }
        }
        for (kind, entries) in savedSnapshot {
            for key in entries.keys where now[kind]?[key] == nil { remove.append((kind, key)) }
        }
        do { try workspace.save(set: set, remove: remove) } catch {
            throw ShellError(language == .fr ? "espace de travail non enregistré : \(error.description)" : "workspace not saved: \(error.description)")
        }
        savedSnapshot = now
    }
}
