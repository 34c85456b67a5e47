import Foundation
import Testing
@testable import Pilotage

/// `OutputFile` writes as a shell redirection does: each kind of path, and each failure.
@Suite("Writing output files like a shell redirection")
struct OutputFileTests {
    let dir = temporaryFolder("output")

    func kind(_ path: String) -> mode_t {
        var st = stat()
        return lstat(path, &st) == 0 ? st.st_mode & S_IFMT : 0
    }

    func text(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

    /// What is left in the folder besides the given names (a temporary file must not be).
    func leftovers(_ names: Set<String>) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { !names.contains($0) }
    }

    @Test func newAndExistingRegularFile() throws {
        let path = dir + "/a.csv"
        try OutputFile.write("one\n", to: path)
        #expect(text(path) == "one\n" && kind(path) == S_IFREG)
        chmod(path, 0o640)
        try OutputFile.write("two\n", to: path)
        var st = stat()
        stat(path, &st)
        #expect(text(path) == "two\n" && st.st_mode & 0o777 == 0o640)
        #expect(leftovers(["a.csv"]).isEmpty)
    }

    @Test func symbolicLinkIsFollowed() throws {
        try "old".write(toFile: dir + "/t", atomically: false, encoding: .utf8)
        symlink("t", dir + "/l")
        try OutputFile.write("new\n", to: dir + "/l")
        #expect(kind(dir + "/l") == S_IFLNK && text(dir + "/t") == "new\n")
        // A dangling link: its target is created, as `>` does.
        symlink("u", dir + "/m")
        try OutputFile.write("made\n", to: dir + "/m")
        #expect(kind(dir + "/m") == S_IFLNK && text(dir + "/u") == "made\n")
    }

    @Test func fifoWithAReaderIsWrittenInPlace() throws {
        let fifo = dir + "/f"
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = Thread.detachNewThreadAndRead(fifo)
        try OutputFile.write("through the pipe\n", to: fifo)
        #expect(reader.wait() == "through the pipe\n")
        #expect(kind(fifo) == S_IFIFO)
    }

    @Test func devices() throws {
        try OutputFile.write("nothing\n", to: "/dev/null")
        #expect(kind("/dev/null") == S_IFCHR)
        #expect(throws: OutputFile.Failure(path: "/dev/full", code: ENOSPC)) { try OutputFile.write("x\n", to: "/dev/full") }
        #expect(kind("/dev/full") == S_IFCHR)
        // A link to a full device: an error, and the link stays.
        symlink("/dev/full", dir + "/full")
        #expect(throws: OutputFile.Failure.self) { try OutputFile.write("x\n", to: dir + "/full") }
        #expect(kind(dir + "/full") == S_IFLNK)
    }

    @Test func folderAndMissingFolder() {
        do { try OutputFile.write("x", to: dir); Issue.record("a folder was written") } catch {
            #expect(error.isDirectory && error.message(.fr) == "\(dir) : c'est un dossier : donnez un nom de fichier")
        }
        do { try OutputFile.write("x", to: dir + "/no/such/x.csv"); Issue.record("no error") } catch {
            #expect(error.code == ENOENT && error.message(.en).hasSuffix(": no such folder: create it or choose another one"))
        }
    }

    @Test("a full disk in the middle of a regular file leaves the old file whole and no temporary file")
    func injectedNoSpace() throws {
        let path = dir + "/big.csv"
        try OutputFile.write("old\n", to: path)
        let out = try OutputFile(path: path)
        out.faultAfter = 100_000
        #expect(throws: OutputFile.Failure(path: path, code: ENOSPC)) {
            for _ in 0..<10_000 { try out.write("0123456789abcdef\n") }
            try out.commit()
        }
        #expect(text(path) == "old\n" && leftovers(["big.csv"]).isEmpty)
    }

    @Test func discardedWriteLeavesNothing() throws {
        let out = try OutputFile(path: dir + "/never.csv")
        try out.write("x")
        out.discard()
        #expect(leftovers([]).isEmpty)
    }

    @Test func folders() throws {
        try OutputFile.makeFolder(dir + "/x/y/z")
        #expect(kind(dir + "/x/y/z") == S_IFDIR)
        try "f".write(toFile: dir + "/file", atomically: false, encoding: .utf8)
        #expect(throws: OutputFile.Failure(path: dir + "/file", code: ENOTDIR)) { try OutputFile.makeFolder(dir + "/file") }
    }

    @Test func exportNumbersNeverTrap() {
        #expect(NumberText.integer(.infinity) == "inf" && NumberText.decimal(-.infinity) == "-inf" && NumberText.decimal(.nan) == "nan")
        // 1e63 has 64 digits: the export is exact, with no NUL byte.
        #expect(NumberText.decimal(1e63) == "1000000000000000057857959942726969827393378689175040438172647424")
        #expect(NumberText.decimal(1.5e300).count == 301 && !NumberText.decimal(1.5e300).contains("\0"))
        #expect(NumberText.integer(1e19) == "10000000000000000000")
    }
}

extension Thread {
    /// Reads a FIFO to its end on another thread.
    final class Reader: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var result = ""
        init(_ path: String) {
            Thread.detachNewThread { [self] in
                let fd = open(path, O_RDONLY)
                var bytes: [UInt8] = [], chunk = [UInt8](repeating: 0, count: 4096)
                while fd >= 0 {
                    let n = read(fd, &chunk, chunk.count)
                    if n <= 0 { break }
                    bytes += chunk.prefix(n)
                }
                close(fd)
                result = String(decoding: bytes, as: UTF8.self)
                done.signal()
            }
        }
        func wait() -> String { done.wait(); return result }
    }
    static func detachNewThreadAndRead(_ path: String) -> Reader { Reader(path) }
}
