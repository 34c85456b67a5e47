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
            return ShellResult(output: session.workspacePath.map { (fr ? "espace de travail : " : "workspace: ") + $0 + "\n" }
                               ?? (fr ? "aucun espace de travail (rien n'est gardé après quit)\n" : "no workspace (nothing is kept after quit)\n"))
        }
        guard session.fileAccess else { throw ShellError(fr ? "accès aux fichiers désactivé" : "file access is disabled", at: t) }
        if t.text == "copy" || t.text == "copie", let file = args.next() {
            try args.expectEnd()
            try session.copyWorkspace(to: file.text)
            return ShellResult(output: fr ? "copie de l'espace de travail écrite : \(file.text)\n" : "workspace copy written: \(file.text)\n")
        }
        try args.expectEnd()
        try session.attach(workspace: t.text)
        return ShellResult(output: fr ? "espace de travail : \(t.text) (\(session.scenarios.count) scénario(s))\n" : "workspace: \(t.text) (\(session.scenarios.count) scenario(s))\n")
    }
}
