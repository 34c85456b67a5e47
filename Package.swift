// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Pilotage",
    products: [
        // The SDK: everything a program needs to load data and compute the CPO dashboard.
        .library(name: "Pilotage", targets: ["Pilotage"]),
        // The REPL and command line.
        .executable(name: "pilotage", targets: ["pilotage"]),
    ],
    dependencies: [
        // Command-line parsing of the `pilotage` executable (subcommands, help, errors).
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // The SDK: no terminal code, no libedit, no dependency.
        .target(name: "Pilotage"),
        // The REPL language (parse, evaluate, complete, render), testable without a terminal.
        .target(name: "PilotageShell", dependencies: ["Pilotage"]),
        // libedit, for line editing, history and completion in the interactive REPL only.
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"]), .brew(["libedit"])]
        ),
        .executableTarget(
            name: "pilotage",
            dependencies: [
                "PilotageShell", "CEditLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "PilotageTests", dependencies: ["Pilotage"]),
        // The CLI tests run the built `pilotage` binary (and drive it through a pseudo-terminal).
        .testTarget(name: "PilotageShellTests", dependencies: ["PilotageShell", "Pilotage", "pilotage"]),
    ],
    swiftLanguageModes: [.v6]
)
