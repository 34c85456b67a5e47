import Foundation

/// Training mode: `lesson` walks through the pathway on the tiny built-in dataset, `quiz` asks,
/// `answer` checks and explains.
enum TrainingCommands {
    static let all: [Command] = [lesson, quiz, answer]

    static let lesson = Command(
        names: ["lesson", "lecon", "leçon"],
        summary: .init(fr: "formation : le parcours du jeune étape par étape, sur six jeunes fictifs, et qui chaque ligne compte",
                       en: "training: the young person's pathway step by step, on six fictional young people, and whom each line counts"),
        examples: ["lesson", "lesson 5", "lesson all"],
        clauses: [Clause(names: [], kind: .choice(Training.steps.indices.map { String($0 + 1) } + ["all", "tout"]),
                         placeholder: "ÉTAPE|all", unknown: .unknownStep)]
    ) { session, values throws(ShellError) in
        let lang = session.language
        let which = values.text("ÉTAPE|all").map { Int($0).map { [$0 - 1] } ?? Array(Training.steps.indices) } ?? [0]
        var out = ""
        if which == [0] || which.count > 1 {
            out += Messages.text(.sixFictionalYoungPeopleOf, lang, "\(Training.year)")
            for p in Training.people { out += "  " + p.id + Messages.colon(lang) + p.story.text(lang) + "\n" }
            out += "\n"
        }
        for i in which {
            let step = Training.steps[i]
            out += "\(Messages.text(.step, lang)) \(i + 1)/\(Training.steps.count) — \(step.title.text(lang))\n"
            for id in step.lines {
                let line = Catalogue.indicator(id)!
                let counted = Training.counted(in: id)
                out += "  \(id) — \(line.label.text(lang))\n"
                let colon = Messages.colon(lang)
                out += "    " + Messages.text(.rule, lang) + colon + line.rule.text(lang) + "\n"
                out += "    \(Messages.text(.counts, lang)) (\(counted.count))" + colon + (counted.isEmpty ? "—" : counted.joined(separator: ", ")) + "\n"
                let others = Training.people.map(\.id).filter { !counted.contains($0) }
                out += "    " + (Messages.text(.doesNotCount, lang)) + colon + (others.isEmpty ? "—" : others.joined(separator: ", ")) + "\n"
            }
            out += "\n"
        }
        if which.count == 1 && which[0] + 1 < Training.steps.count {
            out += Messages.text(.nextLessonToPractiseQuiz, lang, "\(which[0] + 2)")
        }
        return ShellResult(output: out)
    }

    /// The quiz's questions, in a fixed order: counts and definitions alternate.
    static func question(_ k: Int, _ lang: Language) -> (text: String, answer: String, explanation: String) {
        let lines = Training.lines
        let id = lines[k % lines.count], line = Catalogue.indicator(id)!
        if k % 2 == 0 {
            let counted = Training.counted(in: id)
            return (Messages.text(.howManyYoungPeopleDoes, lang, "\(id)", "\(line.label.text(lang))", "\(Training.year)"),
                    String(counted.count),
                    (Messages.text(.lineCounts, lang, "\(id)")) + (counted.isEmpty ? "—" : counted.joined(separator: ", "))
                        + ".\n  " + (Messages.text(.rule2, lang)) + line.rule.text(lang))
        }
        // Three choices: the line and two others of the lesson, in an order that depends on k.
        let others = lines.filter { $0 != id }
        var choices = [id, others[(k * 3) % others.count], others[(k * 5 + 1) % others.count]]
        if choices[1] == choices[2] { choices[2] = others[(k * 5 + 2) % others.count] }
        choices = k % 3 == 0 ? choices : k % 3 == 1 ? [choices[1], choices[0], choices[2]] : [choices[1], choices[2], choices[0]]
        let letters = ["a", "b", "c"]
        let text = (Messages.text(.whichLineHasRule, lang, "\(line.rule.text(lang))"))
            + zip(letters, choices).map { "\n  \($0)) \($1) — \(Catalogue.indicator($1)!.label.text(lang))" }.joined() + (Messages.text(.answerBOrC, lang))
        let right = letters[choices.firstIndex(of: id)!]
        return (text, right, (Messages.text(.itWas, lang, "\(right)", "\(id)", "\(line.label.text(lang))")))
    }

    static let quiz = Command(
        names: ["quiz"],
        summary: .init(fr: "formation : une question sur le petit jeu de la leçon (compter une ligne ou reconnaître une définition)",
                       en: "training: a question on the lesson's tiny dataset (count a line or recognise a definition)"),
        examples: ["quiz", "answer 3"]
    ) { session, _ throws(ShellError) in
        let q = question(session.quizIndex, session.language)
        session.quizPending = true
        return ShellResult(output: "Question \(session.quizIndex + 1)" + Messages.colon(session.language) + q.text + "\n")
    }

    static let answer = Command(
        names: ["answer", "réponse", "reponse"],
        summary: .init(fr: "formation : répond à la question du quiz", en: "training: answers the quiz question"),
        examples: ["answer 3", "answer b"],
        clauses: [Clause(names: [], kind: .text, placeholder: "RÉPONSE", required: true)]
    ) { session, values throws(ShellError) in
        guard session.quizPending else { throw ShellError(Messages.text(.noQuestionPendingQuiz, session.language)) }
        let q = question(session.quizIndex, session.language)
        let right = values.text("RÉPONSE")!.lowercased() == q.answer
        if right { session.quizScore += 1 }
        session.quizIndex += 1
        session.quizPending = false
        var out = right ? (Messages.text(.right, session.language)) : (Messages.text(.noAnswerIs, session.language, "\(q.answer)"))
        out += q.explanation + "\n"
        out += Messages.text(.scoreQuizForNextOne, session.language, "\(session.quizScore)", "\(session.quizIndex)")
        return ShellResult(output: out)
    }
}
