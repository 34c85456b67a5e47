import Foundation

enum WorkspaceCommands {
    static let workspace = Command(
        names: ["workspace", "espace"],
        summary: .init(fr: "espace de travail (fichier SQLite) : scénarios, objectifs, conventions, notes gardés ; copy FICHIER : une copie à envoyer",
                       en: "workspace (SQLite file) keeping scenarios, objectives, conventions, notes; copy FILE: a copy to send"),
        usage: "workspace [FICHIER] | workspace copy FICHIER", examples: ["workspace dialogue-2018.pilotage", "workspace copy envoi.pilotage"]
    ) { session, args throws(ShellError) in
        let fr = session.language == .fr
        guard let t = args.next() else {
            return ShellResult(output: session.workspacePath.map { (Messages.text(.workspace, session.language)) + $0 + "\n" }
                               ?? (Messages.text(.noWorkspaceNothingIsKept, session.language)))
        }
        guard session.fileAccess else { throw ShellError(Messages.text(.fileAccessIsDisabled, session.language), at: t) }
        if t.text == "copy" || t.text == "copie", let file = args.next() {
            try args.expectEnd()
            try session.copyWorkspace(to: file.text)
            return ShellResult(output: Messages.text(.workspaceCopyWritten, session.language, "\(file.text)"))
        }
        try args.expectEnd()
        try session.attach(workspace: t.text)
        return ShellResult(output: Messages.text(.workspaceScenarioS, session.language, "\(t.text)", "\(session.scenarios.count)"))
    }
}
