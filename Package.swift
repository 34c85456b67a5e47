// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Pilotage",
    products: [
        // The SDK: everything a program needs to load data and compute the CPO dashboard.
        .library(name: "Pilotage", targets: ["Pilotage"]),
        // The REPL and command line.
        .executable(name: "pilotage", targets: ["pilotage"]),
        // The SDK example of Playground/Example.
        .executable(name: "pilotage-example", targets: ["pilotage-example"]),
    ],
    dependencies: [
        // Command-line parsing of the `pilotage` executable (subcommands, help, errors).
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // The workspace file of the REPL (SQLite): transactional, safe with two REPLs on one file.
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // `swift package generate-documentation --target Pilotage`: the DocC catalogue (a plugin only, never linked).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
        // Office files: writes the OpenDocument package (.odt) and reads workbooks (.xlsx, .ods), which are zip archives.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    ],
    targets: [
        // The SDK: no terminal code, no libedit, no dependency.
        .target(name: "Pilotage"),
        // Scenarios, objectives, notes and conventions kept from one REPL session to the next (SQLite through GRDB).
        .target(name: "PilotageWorkspace", dependencies: ["Pilotage", .product(name: "GRDB", package: "GRDB.swift")]),
        // libxlsxwriter, which writes spreadsheets (.xlsx) with typed cells, formats, comments and charts.
        .systemLibrary(
            name: "CXlsxWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"]), .brew(["libxlsxwriter"])]
        ),
        // Office documents and spreadsheets: OpenDocument text, workbooks written and read. Apart from the SDK,
        // so that an embedder of the SDK needs neither libxlsxwriter nor a zip library.
        .target(name: "PilotageOffice", dependencies: ["Pilotage", "CXlsxWriter", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // The REPL language (parse, evaluate, complete, render), testable without a terminal.
        .target(name: "PilotageShell", dependencies: ["Pilotage", "PilotageWorkspace", "PilotageOffice"]),
        // libedit, for line editing, history and completion in the interactive REPL only.
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"]), .brew(["libedit"])]
        ),
        .executableTarget(
            name: "pilotage",
            dependencies: [
                "PilotageShell", "PilotageWorkspace", "PilotageOffice", "CEditLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // A program that embeds the SDK as a developer would (run by the tests).
        .executableTarget(name: "pilotage-example", dependencies: ["Pilotage"], path: "Playground/Example"),
        .testTarget(name: "PilotageTests", dependencies: ["Pilotage"]),
        // The CLI tests run the built `pilotage` and `pilotage-example` binaries (and drive the REPL through a pseudo-terminal).
        .testTarget(name: "PilotageShellTests", dependencies: ["PilotageShell", "Pilotage", "PilotageWorkspace", "pilotage", "pilotage-example",
                                                             "PilotageOffice", .product(name: "GRDB", package: "GRDB.swift"),
                                                             .product(name: "ZIPFoundation", package: "ZIPFoundation")],
                    exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
