/// A number as an analyst types it, in French or English: `37,5`, `37.5`, `37,5 %`, `1 234,50 €`,
/// `1234.5`, `+4 %`, `−3`, `1,234.5`. One reader for every command that takes a number.
///
/// The rules, in order:
/// - a sign `+`, `-` or `−` (U+2212) may lead;
/// - digits may be grouped by thousands with a space, a no-break space (U+00A0), a narrow
///   no-break space (U+202F) or `_` (`1 234 567`, `1_234`);
/// - when both `,` and `.` appear, the last one is the decimal separator and the other groups
///   thousands (`1,234.5`, `1.234,5`);
/// - a lone `,` is a decimal comma (`37,5`); so is a lone `.` (`37.5`) — except in English, where
///   a lone `,` followed by exactly three digits groups thousands (`1,234`);
/// - in a list of numbers (`0, 50, 100`), items are separated by a comma and a space, or by `;`:
///   a comma directly between two digits is refused there as ambiguous, with how to write it;
/// - a unit may follow, after an optional space: `%` (the value is divided by 100 in
///   ``fraction``), `€`, `pt`/`points`.
///
/// ```swift
/// let n = try TypedNumber.parse("37,5 %")   // n.value == 37.5, n.fraction == 0.375
/// try TypedNumber.parse("1 234,50 €").cents // 123_450
/// ```
public struct TypedNumber: Hashable, Sendable {
    /// What follows the digits.
    public enum Unit: String, Hashable, Sendable {
        case none, percent, euro, points
    }

    /// Why a text is not a number.
    public enum Problem: Error, Hashable, Sendable {
        /// No number starts there.
        case notANumber
        /// More than 15 significant digits before the decimal point (beyond what is exact).
        case tooLarge
        /// `0,50,100` in a list: a decimal comma or a list separator?
        case ambiguousComma
    }

    /// The value as written, before any unit: 37.5 for `37,5 %`.
    public var value: Double
    /// The unit typed after the number.
    public var unit: Unit
    /// Whether a sign was typed (`+4 %` is a step, `4 %` a level).
    public var isSigned: Bool
    /// The number in plain digits, `-1234.50`: exact, whatever a `Double` can hold.
    public var digits: String

    /// The value with a percentage applied: 0.375 for `37,5 %`, 37.5 for `37,5`.
    public var fraction: Double { unit == .percent ? value / 100 : value }

    /// The amount in whole cents when it has at most two decimals: 123450 for `1 234,50 €`.
    public var cents: Int64? {
        let negative = digits.hasPrefix("-")
        let body = negative ? digits.dropFirst() : Substring(digits)
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.last!.count <= 2 || parts.count == 1 else { return nil }
        let decimals = parts.count == 2 ? String(parts[1]) : ""
        let padded = decimals + String(repeating: "0", count: 2 - decimals.count)
        guard let whole = Int64(parts[0]), let fraction = Int64(padded),
              whole <= (Int64.max - 99) / 100 else { return nil }
        return (negative ? -1 : 1) * (whole * 100 + fraction)
    }

    /// Reads `text` whole as a number; anything left over makes it no number.
    public static func parse(_ text: String, language: Language = .fr) throws(Problem) -> TypedNumber {
        let chars = Array(text.trimmingSpaces())
        guard let (number, end) = try scan(chars, from: 0, language: language), end == chars.count else {
            throw .notANumber
        }
        return number
    }

    /// Reads the longest number that starts at `start` and ends at a word boundary; `nil` when
    /// none starts there. Returns the number and where it ends.
    /// - Parameters:
    ///   - chars: the text.
    ///   - start: where the number starts.
    ///   - language: the decimal separator's language.
    ///   - inList: commas between digits separate items, so a decimal comma is refused.
    public static func scan(_ chars: [Character], from start: Int, language: Language = .fr,
                            inList: Bool = false) throws(Problem) -> (TypedNumber, end: Int)? {
        var i = start
        func at(_ k: Int) -> Character? { k < chars.count ? chars[k] : nil }
        func isDigit(_ k: Int) -> Bool { at(k).map { $0.isASCII && $0.isNumber } ?? false }
        func digitRun(from k: Int) -> Int { var e = k; while isDigit(e) { e += 1 }; return e - k }

        var negative = false, signed = false
        if let c = at(i), c == "+" || c == "-" || c == "−" { negative = c != "+"; signed = true; i += 1 }
        guard isDigit(i) else { return nil }
        var whole = "", decimals: String?
        // The separators that appear in the number, to tell a decimal one from a grouping one.
        var k = i
        var marks: [Character] = []
        while let c = at(k) {
            if c.isASCII && c.isNumber { k += 1; continue }
            guard isDigit(k + 1), ",._".contains(c) || Self.groupSpaces.contains(c) else { break }
            if c == "," || c == "." { marks.append(c) }
            k += 1
        }
        let decimalMark: Character? = {
            guard let last = marks.last else { return nil }
            if marks.count > 1, marks.contains(where: { $0 != last }) { return last }
            if marks.count > 1 { return nil }   // `1.234.567`: grouping only
            return last
        }()
        while i < chars.count {
            let c = chars[i]
            if c.isASCII && c.isNumber { whole.append(c); i += 1; continue }
            if c == "_", isDigit(i + 1) { i += 1; continue }
            if Self.groupSpaces.contains(c), digitRun(from: i + 1) == 3, !whole.isEmpty { i += 1; continue }
            if c == "," || c == "." {
                guard isDigit(i + 1) else { break }
                let run = digitRun(from: i + 1)
                if c == decimalMark {
                    if c == ",", inList { throw .ambiguousComma }
                    let englishGrouping = c == "," && language == .en && marks.count == 1 && run == 3
                    if !englishGrouping {
                        decimals = String(chars[(i + 1)..<(i + 1 + run)])
                        i += 1 + run
                        break
                    }
                }
                guard run == 3 || c == "," && inList else { break }
                if c == ",", inList { throw .ambiguousComma }
                i += 1
                continue
            }
            break
        }
        // A unit, after an optional space.
        var unit = Unit.none
        var j = i
        while let c = at(j), c == " " || Self.groupSpaces.contains(c) { j += 1 }
        if at(j) == "%" { unit = .percent; i = j + 1 }
        else if at(j) == "€" { unit = .euro; i = j + 1 }
        else {
            for word in ["points", "pts", "pt"] where String(chars[j..<min(chars.count, j + word.count)]).lowercased() == word {
                if let after = at(j + word.count), after.isLetter || after.isNumber { continue }
                unit = .points; i = j + word.count; break
            }
        }
        // The number must end a word: `12abc` is no number.
        if let c = at(i), c.isLetter || c.isNumber || c == "_" { return nil }
        let trimmed = String(whole.drop { $0 == "0" })
        guard trimmed.count <= 15 else { throw .tooLarge }
        let digits = (negative ? "-" : "") + (whole.isEmpty ? "0" : whole) + (decimals.map { "." + $0 } ?? "")
        guard let value = Double(digits), value.isFinite else { throw .tooLarge }
        return (TypedNumber(value: value, unit: unit, isSigned: signed, digits: digits), i)
    }

    /// Spaces that group thousands (as Pilotage prints them in French).
    static let groupSpaces: Set<Character> = [" ", "\u{00A0}", "\u{202F}"]
}

extension String {
    /// Without the spaces (any kind) that begin or end it.
    func trimmingSpaces() -> Substring {
        let spaces = TypedNumber.groupSpaces.union(["\t"])
        var text = Substring(self)
        while let c = text.first, spaces.contains(c) { text.removeFirst() }
        while let c = text.last, spaces.contains(c) { text.removeLast() }
        return text
    }
}
