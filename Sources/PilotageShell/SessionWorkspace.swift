import Foundation
import PilotageWorkspace

/// The session's lasting state in a workspace file: read when attached and before each
/// command (another session may have written), committed after each command that succeeded
/// as a change of the records that differ, retried on a conflict (``Session/run(_:)``).
extension Session {
    /// What the workspace keeps of the session.
    var workspaceContent: Workspace.Content { Workspace.Content(dialogue: dialogue, namedValues: variables) }

    /// The file of the attached workspace.
    public var workspacePath: String? { workspace?.path }

    /// Opens a workspace file and restores what it holds into the session (the previous
    /// workspace, if any, is closed).
    public func attach(workspace path: String) throws(ShellError) {
        let w: Workspace, loaded: (content: Workspace.Content, revision: Int64)
        do { w = try Workspace(path: path); loaded = try w.load() } catch {
            throw ShellError(Messages.text(.workspaceUnreadable, language, error.message(language)))
        }
        // What the session built before is kept and saved there (the file wins where both have a value).
        var merged = loaded.content
        func keep<V>(_ mine: [String: V], _ file: inout [String: V]) { file.merge(mine) { inFile, _ in inFile } }
        keep(dialogue.scenarios, &merged.dialogue.scenarios)
        keep(dialogue.conventions, &merged.dialogue.conventions)
        keep(dialogue.annotations, &merged.dialogue.annotations)
        keep(dialogue.synthesisNotes, &merged.dialogue.synthesisNotes)
        keep(dialogue.synthesisCleared, &merged.dialogue.synthesisCleared)
        keep(dialogue.avenantDetails, &merged.dialogue.avenantDetails)
        keep(variables, &merged.namedValues)
        try adopt(merged)
        close()
        workspace = w
        workspaceBase = loaded.content
        workspaceRevision = loaded.revision
    }

    /// Takes a content read from the file as the session's state; conventions that differ are
    /// put into the dataset.
    private func adopt(_ content: Workspace.Content) throws(ShellError) {
        let changed = content.dialogue.conventions.values.filter { dialogue.conventions[$0.number] != $0 }
        dialogue = content.dialogue
        variables = content.namedValues
        for c in changed.sorted(by: { $0.number < $1.number }) { try replace(c) }
    }

    /// Reads what other sessions wrote since this one last read or wrote.
    func refresh() throws(ShellError) {
        guard let workspace else { return }
        do {
            guard try workspace.revision() != workspaceRevision else { return }
            let loaded = try workspace.load()
            try adopt(loaded.content)
            workspaceBase = loaded.content
            workspaceRevision = loaded.revision
        } catch let error as Workspace.Failure {
            throw ShellError(Messages.text(.workspaceUnreadable, language, error.message(language)))
        } catch let error as ShellError { throw error } catch { throw ShellError("\(error)") }
    }

    /// Commits the command's change; `false` when another session wrote first (run it again).
    func persist() throws(ShellError) -> Bool {
        guard let workspace else { return true }
        let now = workspaceContent
        guard now != workspaceBase else { return true }
        do {
            guard let revision = try workspace.commit(from: workspaceBase, to: now, at: workspaceRevision) else { return false }
            workspaceBase = now
            workspaceRevision = revision
            return true
        } catch {
            throw ShellError(Messages.text(.workspaceNotSaved, language, error.message(language)))
        }
    }

    /// `workspace copy FILE`: a consistent, self-contained copy of the attached workspace.
    func copyWorkspace(to path: String) throws(ShellError) {
        guard let workspace else { throw ShellError(Messages.text(.noWorkspaceOpenWorkspaceFile, language)) }
        do { try workspace.copy(to: path) } catch {
            throw ShellError(Messages.text(.workspaceNotSaved, language, error.message(language)))
        }
    }

    /// Ends the session's use of its workspace: the write-ahead log is folded into the file, so
    /// that the file alone holds everything. Call it at every clean end (quit, end of input).
    public func close() {
        try? workspace?.close()
        workspace = nil
    }
}
