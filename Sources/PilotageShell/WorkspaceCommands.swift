import Foundation

enum WorkspaceCommands {
    static let workspace = Command(
        names: ["workspace", "espace"],
        summary: .init(fr: "ouvre un espace de travail (fichier SQLite) où scénarios, objectifs, conventions et notes sont gardés ; seul : l'espace courant",
                       en: "opens a workspace (SQLite file) that keeps scenarios, objectives, conventions and notes; alone: the current one"),
        usage: "workspace [FICHIER]", examples: ["workspace dialogue-2018.pilotage"]
    ) { session, args throws(ShellError) in
        let fr = session.language == .fr
        guard let t = args.next() else {
            return ShellResult(output: session.workspacePath.map { (fr ? "espace de travail : " : "workspace: ") + $0 + "\n" }
                               ?? (fr ? "aucun espace de travail (rien n'est gardé après quit)\n" : "no workspace (nothing is kept after quit)\n"))
        }
        try args.expectEnd()
        guard session.fileAccess else { throw ShellError(fr ? "accès aux fichiers désactivé" : "file access is disabled", at: t) }
        try session.attach(workspace: t.text)
        return ShellResult(output: fr ? "espace de travail : \(t.text) (\(session.scenarios.count) scénario(s))\n" : "workspace: \(t.text) (\(session.scenarios.count) scenario(s))\n")
    }
}
