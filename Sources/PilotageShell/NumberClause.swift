/// Numbers in REPL lines: every command reads them here, through ``TypedNumber`` (the SDK's one
/// reader of `37,5 %`, `1 234,50 €`, `−3`…). The lexer splits `37,5` at its comma and `1 234` at
/// its space, so a number is read from the line as typed, from its first token on, and the
/// tokens it covers are consumed.
extension Arguments {
    /// The number that starts at the next token.
    /// - Parameters:
    ///   - what: what the command expects there, for the error (« montant », « cible »…).
    ///   - inList: the number is an item of a list, whose commas separate items.
    /// - Throws: a located error when no number starts there, or when it is out of reach.
    mutating func number(_ what: String, inList: Bool = false) throws(ShellError) -> (TypedNumber, Token) {
        let first = try required(what)
        position -= 1
        let chars = Array(line)
        let scanned: (TypedNumber, end: Int)?
        do { scanned = try TypedNumber.scan(chars, from: first.offset, language: language, inList: inList) } catch {
            throw numberError(error, what: what, at: first)
        }
        guard let (number, end) = scanned, first.kind != .string else {
            throw ShellError(Messages.text(.numberExpected, language, what, Messages.quoted(first.text, language)), at: first)
        }
        consume(upTo: end)
        let token = Token(kind: .word, text: String(chars[first.offset..<end]), offset: first.offset, length: end - first.offset)
        return (number, token)
    }

    /// Numbers separated by `,` and a space (`0, 50, 100`), or by `;` — then each may have a
    /// decimal comma (`0; 1 234,50 €`).
    mutating func numberList(_ what: String) throws(ShellError) -> [(TypedNumber, Token)] {
        let bySemicolons = peek.map { Array(line)[$0.offset...].contains(";") } ?? false
        var items = [try number(what, inList: !bySemicolons)]
        while bySemicolons ? skipSemicolon() : skip(",") { items.append(try number(what, inList: !bySemicolons)) }
        return items
    }

    /// Consumes the tokens that lie before `end`; a word cut by it keeps its rest as a token.
    private mutating func consume(upTo end: Int) {
        while let t = peek, t.offset < end {
            if t.offset + t.length > end {
                let rest = Array(t.text).dropFirst(end - t.offset)
                tokens[position] = Token(kind: t.kind, text: String(rest), offset: end, length: t.offset + t.length - end)
                return
            }
            position += 1
        }
    }

    /// `;` separates list items; the lexer leaves it at the head of a word.
    private mutating func skipSemicolon() -> Bool {
        guard let t = peek, t.kind == .word, t.text.hasPrefix(";") else { return false }
        if t.text == ";" { position += 1 } else {
            tokens[position] = Token(kind: .word, text: String(t.text.dropFirst()), offset: t.offset + 1, length: t.length - 1)
        }
        return true
    }

    private func numberError(_ problem: TypedNumber.Problem, what: String, at token: Token) -> ShellError {
        switch problem {
        case .notANumber:
            return ShellError(Messages.text(.numberExpected, language, what, Messages.quoted(token.text, language)), at: token)
        case .tooLarge:
            return ShellError(Messages.text(.numberTooLarge, language, Messages.quoted(token.text, language)), at: token)
        case .ambiguousComma:
            // Quote the whole word as typed (`0,50,100`), not the lexer's first piece of it.
            let chars = Array(line)
            var end = token.offset
            while end < chars.count, !chars[end].isWhitespace { end += 1 }
            let typed = String(chars[token.offset..<end])
            return ShellError(Messages.text(.ambiguousComma, language, Messages.quoted(typed, language)), offset: token.offset, length: end - token.offset)
        }
    }
}

// MARK: the kinds of numbers commands take

extension Arguments {
    /// An amount in euros to the cent (`190 000`, `1 234,50 €`), zero or more, exact.
    mutating func money(_ what: String) throws(ShellError) -> Money {
        let (n, token) = try number(what)
        guard n.unit == .none || n.unit == .euro, n.value >= 0, let cents = n.cents, cents <= Money.limit.cents else {
            throw ShellError(Messages.text(.amountExpected, language, what, Messages.quoted(token.text, language)), at: token)
        }
        return Money(cents: cents)
    }

    /// A signed step in percent (`+4 %`, `−3,5%`), as a fraction: 0.04, −0.035.
    mutating func percentStep(_ what: String) throws(ShellError) -> Double {
        let (n, token) = try number(what)
        guard n.isSigned, n.unit == .percent else {
            throw ShellError(Messages.text(.numberExpected, language, what, Messages.quoted(token.text, language)), at: token)
        }
        return n.fraction
    }

    /// A value of `line` as a target or threshold: `37,5 %` or `0,375` for a rate (a bare number
    /// above 1 is refused with how to write it), the number itself for other lines.
    mutating func value(of line: Indicator?, _ what: String) throws(ShellError) -> Double {
        let (n, token) = try number(what)
        guard let line, line.isPercentage else {
            guard n.unit != .percent || line == nil else {
                throw ShellError(Messages.text(.numberExpected, language, what, Messages.quoted(token.text, language)), at: token)
            }
            return n.fraction
        }
        if n.unit == .percent { return n.fraction }
        guard n.unit == .none, abs(n.value) <= 1 else {
            guard n.unit == .none, abs(n.value) <= 100 else {
                throw ShellError(Messages.text(.rateExpected, language, Messages.quoted(token.text, language)), at: token)
            }
            let shown = formatted(n.value, decimals: 1, language), asFraction = formatted(n.value / 100, decimals: 3, language)
            throw ShellError(Messages.text(.percentExpected, language, token.text, shown, asFraction), at: token)
        }
        return n.value
    }
}
