/// Everything Pilotage says to a user — the REPL, the command line and the SDK's explanations —
/// in French (default) and English: one catalogue per language, shared by every module of the
/// package (`package` access: it is not part of the public API).
package enum Messages {
    package enum Key: Hashable, Sendable, CaseIterable {
        case unknownCommand, unknownIndicator, didYouMean, missingArgument, unexpectedArgument, unclosedQuote
        case languageSet, noDataset, loaded, scriptLine, interrupted
        case workspaceContention, workspaceUnreadable, workspaceNotSaved
        case helpTitle, helpFooter, usage, example
        case label, officialLabel, derivedLabel, axis, kind, direction, parent, rule, components, breakdowns, notes, source, children, none
        case catalogueCount, unknownAxis, unknownKind
        case welcome, noLineEditor, invalidInput
        case notAvailable, noTerritory, aliases
        case numberExpected, amountExpected, numberTooLarge, ambiguousComma, percentExpected, rateExpected, negativeTarget, unknownExtension
        case unknownGrouping, unknownComparison, number, positiveWholeNumberExpected, file, indicatorIDExample
        case territory, region, namesSeveralTerritories, missionLocaleIsExpected, lever, unknownLever
        case unknownTerritory, year, yearExpected, yearNotInDataset, unknownBreakdown, comparisonExpected
        case threshold, thresholdExpected, breakdown
        case tooManySeries, axisArgument, noParentLine
        case folder, writtenRows, noNameDefined, nameExpected, equalsExpected, value
        case aggregateSummary
        case amountExpectedEG, notedFor, noConventionOfCovers, noSubsidyInConventionFunding, written, unknownMissionLocale
        case noResultsForDialogue, resultsAgainstRegionAndNation, name, peersMlsNearestInContext, measure, share
        case percentSign, absentValue, weightInRegion, listSeparator, line
        case nationalRank, regionalRank, peerMedian, peerRank, noPeerHasValue, themesThMatiquesAborder
        case nationalTargetsOfAnnexeN, target, direction2, up, flat, down
        case notedFor2, isAlreadyGiven, territory2, regionOrNation, dialogueYear, amount
        case file2, noConventionForConventionsCsv, baseSubsidySocleGarantieJeunes, year2, adjustable, vsBase
        case roomUp, roomDown, amendment, noSubsidyThisYear, noAmendment, outside
        case objectives, noResultYet, conventionAlreadyExists, lastYearIsBeforeFirst, alreadyHasConventionOverThese, zeroBaseLeavesRuleWithout
        case conventionCreatedForBase, refusedAboveCeilingOfOf, refusedBelowFloorOfOf, base, headroomFrom, isOutsideConvention
        case percentageOutOfRange, amountOrXNotBoth, socleWouldBeNegative, base2, proposed, allowed
        case floor, ceiling, headroomUpFromN, headroomDownFromN, applied, kept
        case proposed2, againstBase, allowedHeadroom, clampedBinding, keptForInSessionS, notApplicable
        case clampBringsProposalToBound, effectsState, after, stateShareB, noFunding, adjustmentIsNeverAutomaticYou
        case unknownTerritory2, yearNotInDataset2, tooFewMlsHaveEvery, performanceEfficiency, arrowsFrom, dashesScenario
        case efficiency, performance, writtenMls, performanceEfficiencyZScoresWithin, performanceAdjustedForContext, noContextAdjustmentTooFew
        case atActivityOf, quadrant, inYear, absentIn, withScenario, scenario, leftOutAbsentMeasure
        case objectiveResult, method, proposal, value2, peerMedian2, ownTrendChange
        case result, objectiveSetTargetToKeep, noConventionOfCoversConvention, hasNoReadingDirectionSay, objectiveKeptFor, noObjectiveFor
        case readOn, gap, inYoungPeople, numerator, denominator, denominatorValue
        case status, noResultYet2, met, notMet, leverWhatItStandsFor, lever2
        case whatItStandsFor, linesFed, scenarioAlreadyExists, scenarioCreated, thisLeverCountsYoungPeople, quotedNameColon
        case noScenario, changeS, copiedTo, deleted, scenarioName, unknownScenario
        case emptyScenarioGiveOfMl, baselineThenScenarioS, leversActOnBreakdownAll, leverAppliesToMissionLocale, toGain, noLeverAskedFor
        case more, fewer, itTakesInTodayStaying, orByLever, changeBreaksCounts, lineWouldBecomeBeyondIts
        case isNotRatio, leverDoesNotMove, targetCannotBeReachedBy, synthesisOfUpdatedTheme, noBriefFor, synthesisOfDialogueDeGestion
        case preFilledRatiosInTop, theme, column, text, strengths, areasForProgress
        case priorityActions, peerMedian3, stepExpectedToOrAll, sixFictionalYoungPeopleOf, step, counts
        case doesNotCount, nextLessonToPractiseQuiz, howManyYoungPeopleDoes, lineCounts, rule2, whichLineHasRule
        case answerBOrC, itWas, noQuestionPendingQuiz, answer, right, noAnswerIs
        case scoreQuizForNextOne
        case timeMs, undefinedNameLet, fileAccessIsDisabled, readCycleScriptCannotRead, tooManyNestedInclusionsAt, cannotRead
        case cannotWrite, error, unknownChoice, yearExpectedFound
        case noWorkspaceOpenWorkspaceFile, workspace, noWorkspaceNothingIsKept, workspaceCopyWritten, workspaceScenarioS, pilotageCannotRead
        case pilotageLineSFailed, pilotageNoSuchFolder, stoppedAfterErrors, pilotageYearIsNotIn
        // The SDK's explanations (why a cell is absent, a diagnostic, a validation report).
        case unavailableUnknownIndicator, unavailableNotDefined, unavailableUnknownTerritory, unavailableUnknownYear, unavailableBreakdown, unavailableMissingFile
        case unavailableMissingRows, unavailableMissingValue, unavailableZeroDenominator, unavailableNoRecords, unavailableMeanWithoutCount, severityError
        case severityWarning, diagnosticInColumn, diagnosticBody, validSummaryOne, validSummaryMany, validRuleCount
        case unknownFormat, unknownLanguage, regionOrNationExpected, dialogueReadsMissingYear, wholeNumberExpected, atMost25Amounts
        // Spreadsheets.
        case workbookDashboardTitle, workbookLevel, workbookNation, workbookRegions, workbookMLs, workbookLines, workbookNeedsFile, workbookSource
        case yes, no
        // Programme tables.
        case unavailableNoProgrammeBreakdown, unavailableNoProgrammeTable
        case workbookProgrammesTitle
        case programmesNotCrossed, noLineWithProgrammes, programmeLastExitNote, csvFormOfWorkbook
        case unavailableMissingProgrammeValue
        case programmesColumn, programmeMarker
        case exportExtension
        case writtenRow
        case seekBelowZero, seekAboveParent
        case objectiveReplaces
        case foundNoFile, foundNoFolder
        case microdataSummary
        case referenceHeading, lineTooLongAfterLet
        case briefProgrammes
        case programmeHeader
        case avenantExtension
        case snapshotSource
        case cacheUnavailable, cacheFolder, cacheDatasetGone, cacheEmpty, cacheCleared, cacheUnknownAction, cacheSize
        case cacheOtherVersion
        // Commands declared once (issue #14, item 3).
        case unknownTheme, unknownAvenantKey, unknownStep, notBoth
        // The dialogue's documents as the instruction writes them (issue 15).
        case briefTransmission, briefContextFamilies, briefHeld, briefNotHeld, briefDashboardLines, briefFunders, briefNoFunders, briefSpecificActivities, briefMatrixPosition, briefMatrixPoint, briefMatrixAbsent, funder, family, held, note, from, avenantOutsideRule, ratioUnavailableIn2016, briefUnavailableIn2016
        case matrixEfficacyDefinition, matrixPerformanceDefinition, matrixReading, matrixStateFunding, matrixAllFunding, legendPoint, legendArrow, legendScenario, legendScale
    }

    /// The catalogue of a language (`Messages+French.swift`, `Messages+English.swift`).
    package static func catalogue(_ language: Language) -> [Key: String] { language == .fr ? french : english }

    /// The message, with each `%@` replaced by the next argument, or each `%N$@` by the N-th
    /// (when the two languages order them differently); an argument's own `%@` stays.
    package static func text(_ key: Key, _ language: Language, _ args: String...) -> String {
        text(key, language, args)
    }

    /// ``text(_:_:_:)`` with its arguments in an array.
    package static func text(_ key: Key, _ language: Language, _ args: [String]) -> String {
        let template = catalogue(language)[key] ?? "?"
        if template.contains("$@") {
            var out = template
            for (k, a) in args.enumerated().reversed() { out = out.replacingOccurrences(of: "%\(k + 1)$@", with: a) }
            return out
        }
        let pieces = template.components(separatedBy: "%@")
        var out = pieces[0]
        for (k, piece) in pieces.dropFirst().enumerated() { out += (k < args.count ? args[k] : "%@") + piece }
        return out
    }

    /// A usage line in `language`: its placeholders (`ANNÉE`, `FICHIER`…) are written in French
    /// once, in the declarations, and named in English here.
    package static func usage(_ text: String, _ language: Language) -> String {
        guard language == .en else { return text }
        var out = text
        for (fr, en) in placeholders { out = out.replacingOccurrences(of: fr, with: en) }
        return out
    }

    /// Longest first, so that `ANNÉE_DU_DIALOGUE` is replaced before `ANNÉE`.
    package static let placeholders: [(String, String)] = [
        ("ANNÉE_DU_DIALOGUE", "DIALOGUE_YEAR"), ("TERRITOIRES", "TERRITORIES"), ("TERRITOIRE", "TERRITORY"), ("LIGNES", "LINES"),
        ("FICHIER", "FILE"), ("DOSSIER", "FOLDER"), ("MONTANT", "AMOUNT"), ("LEVIER", "LEVER"), ("ANNÉE", "YEAR"),
        ("THÈME", "THEME"), ("TEXTE", "TEXT"), ("CIBLE", "TARGET"), ("ÉTAPE", "STEP"), ("RÉPONSE", "ANSWER"),
        ("RÉGION", "REGION"), ("NUMÉRO", "NUMBER"), ("NATURE", "KIND"), ("CLÉ", "KEY"), ("AXE", "AXIS"), ("NOM", "NAME"),
        ("\"valeur\"", "\"value\""), ("\"texte\"", "\"text\""), ("COLONNE", "COLUMN"),
        ("LIGNE", "LINE"), ("SEUIL", "THRESHOLD"), ("COMMANDE", "COMMAND"),
    ]

    /// « écrit : r.csv (1 ligne) », « (12 lignes) »; "written: r.csv (1 row)".
    package static func written(_ path: String, rows: Int, _ language: Language) -> String {
        text(rows == 1 ? .writtenRow : .writtenRows, language, path, String(rows))
    }

    /// The colon between a label and its value: « Règle : … » in French, "Rule: …" in English.
    package static func colon(_ language: Language) -> String { language == .fr ? " : " : ": " }

    /// A rank as people write it: « 1er », « 2e » ; 1st, 2nd, 3rd, 11th.
    package static func ordinal(_ n: Int, _ language: Language) -> String {
        guard language == .en else { return n == 1 ? "1er" : "\(n)e" }
        let suffix = (11...13).contains(n % 100) ? "th" : [1: "st", 2: "nd", 3: "rd"][n % 10] ?? "th"
        return "\(n)\(suffix)"
    }

    /// A value quoted in a message: « … » in French, "…" in English, cut to 40 characters so that
    /// a huge token never makes a huge message.
    package static func quoted(_ text: String, _ language: Language) -> String {
        let shown = text.count > 40 ? String(text.prefix(39)) + "…" : text
        return language == .fr ? "« \(shown) »" : "\"\(shown)\""
    }

    /// French names of the kinds of lines.
    package static func kindName(_ k: IndicatorKind, _ language: Language) -> String {
        switch (k, language) {
        case (.count, .fr): return "comptage de jeunes"
        case (.count, .en): return "count of young people"
        case (.sum, .fr): return "somme"
        case (.sum, .en): return "sum"
        case (.ratio, .fr): return "ratio"
        case (.ratio, .en): return "ratio"
        case (.mean, .fr): return "moyenne (mois)"
        case (.mean, .en): return "mean (months)"
        case (.amountPerPerson, .fr): return "montant par jeune (€)"
        case (.amountPerPerson, .en): return "amount per young person (€)"
        case (.placeholder, .fr): return "non défini (à construire)"
        case (.placeholder, .en): return "not defined (to be built)"
        }
    }
}
