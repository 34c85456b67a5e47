enum QueryCommands { static let all: [Command] = [] }
enum QueryCompletion {
    static func candidates(session: Session, command: String, after words: [String], prefix: String) -> [String] { [] }
}
