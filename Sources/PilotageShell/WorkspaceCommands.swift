import Foundation

enum WorkspaceCommands {
    static let workspace = Command(
        names: ["workspace", "espace"],
        summary: .init(fr: "espace de travail (fichier SQLite) : scénarios, objectifs, conventions, notes gardés ; copy FICHIER : une copie à envoyer",
                       en: "workspace (SQLite file) keeping scenarios, objectives, conventions, notes; copy FILE: a copy to send"),
        examples: ["workspace dialogue-2018.pilotage", "workspace copy envoi.pilotage"],
        subcommands: [Subcommand(names: ["copy", "copie"], clauses: [file], run: copy)],
        main: Subcommand(names: [], clauses: [Clause(names: [], kind: .file, placeholder: "FICHIER")], run: attach))

    static let file = Clause(names: [], kind: .file, placeholder: "FICHIER", required: true)

    /// The file named, when the session may touch files.
    static func file(_ values: ClauseValues, _ session: Session) throws(ShellError) -> String {
        let (path, token) = values.file("FICHIER")!
        guard session.fileAccess else { throw ShellError(Messages.text(.fileAccessIsDisabled, session.language), at: token) }
        return path
    }

    /// `workspace FILE` opens (or creates) the file the session saves into; alone, names it.
    @Sendable static func attach(_ session: Session, _ values: ClauseValues) throws(ShellError) -> ShellResult {
        guard values.has("FICHIER") else {
            return ShellResult(output: session.workspacePath.map { (Messages.text(.workspace, session.language)) + $0 + "\n" }
                               ?? (Messages.text(.noWorkspaceNothingIsKept, session.language)))
        }
        let path = try file(values, session)
        try session.attach(workspace: path)
        return ShellResult(output: Messages.text(.workspaceScenarioS, session.language, path, "\(session.scenarios.count)"))
    }

    /// `workspace copy FILE`: a copy to send, whole even while the session writes.
    @Sendable static func copy(_ session: Session, _ values: ClauseValues) throws(ShellError) -> ShellResult {
        let path = try file(values, session)
        try session.copyWorkspace(to: path)
        return ShellResult(output: Messages.text(.workspaceCopyWritten, session.language, path))
    }
}
