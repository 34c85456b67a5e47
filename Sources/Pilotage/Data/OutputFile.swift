#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file being written as a shell redirection (`>`) writes it, the one writer of every output
/// of Pilotage (`show … to FILE`, `export … --out`, `generate`, documents, workspace copies).
///
/// - A regular file, new or existing, is written to a temporary file beside it, flushed to the
///   disk and renamed over it at ``commit()``: readers see the old file or the new one, never a
///   part; a failed write leaves the old file as it was and no temporary file behind.
/// - A symbolic link is followed (as many levels as it takes) and its target written the same way:
///   the link stays a link.
/// - A FIFO, a device (`/dev/null`, `/dev/stdout`) or any other special file is written in place,
///   without a rename.
/// - A directory is an error.
///
/// Every failure, at any step, is an ``OutputFile/Failure`` naming the path and what went wrong.
/// ```swift
/// let out = try OutputFile(path: "dashboard.csv")
/// try out.write("level,territory\n")
/// try out.commit()
/// ```
public final class OutputFile {
    /// The path as given (a link's own path).
    public let path: String
    /// Where the bytes go: the temporary file of a regular file, else the file itself.
    private var fd: Int32
    private let temporary: String?
    private let target: String
    private var buffer: [UInt8] = []
    private var finished = false
    /// Tests: fail with `ENOSPC` once this many bytes have been written.
    var faultAfter: Int?
    private var written = 0

    /// Why a file could not be written.
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        /// The path as given.
        public var path: String
        /// The system's error number (`ENOSPC`, `EACCES`, …), 0 for `isDirectory`.
        public var code: Int32
        /// The path names a folder.
        public var isDirectory: Bool

        /// Creates a failure for a path.
        public init(path: String, code: Int32, isDirectory: Bool = false) {
            self.path = path; self.code = code; self.isDirectory = isDirectory
        }

        /// `PATH : what went wrong`, in a language, with what to do where there is something to do.
        public func message(_ language: Language) -> String {
            path + Messages.colon(language) + reason(language)
        }

        /// What went wrong, without the path.
        public func reason(_ language: Language) -> String {
            if isDirectory { return LocalizedText(fr: "c'est un dossier : donnez un nom de fichier", en: "is a folder: give a file name").text(language) }
            let text: LocalizedText
            switch code {
            case ENOENT: text = .init(fr: "le dossier n'existe pas : créez-le ou choisissez-en un autre", en: "no such folder: create it or choose another one")
            case ENOTDIR: text = .init(fr: "une partie du chemin n'est pas un dossier", en: "a part of the path is not a folder")
            case EACCES, EPERM: text = .init(fr: "permission refusée", en: "permission denied")
            case EROFS: text = .init(fr: "système de fichiers en lecture seule", en: "read-only file system")
            case ENOSPC, EDQUOT: text = .init(fr: "plus de place sur le disque ou le périphérique", en: "no space left on the device")
            case EFBIG: text = .init(fr: "fichier trop grand pour ce système de fichiers", en: "file too large for this file system")
            case EPIPE: text = .init(fr: "le lecteur a fermé la sortie", en: "the reader closed the output")
            case ELOOP: text = .init(fr: "trop de liens symboliques en chaîne", en: "too many levels of symbolic links")
            case ENAMETOOLONG: text = .init(fr: "nom de fichier trop long", en: "file name too long")
            case EIO: text = .init(fr: "erreur d'entrée-sortie du périphérique", en: "input/output error of the device")
            default: text = .init(fr: "erreur d'écriture (errno \(code))", en: "write error (errno \(code))")
            }
            return text.text(language)
        }

        /// A description for logs.
        public var description: String { message(.en) }
    }

    /// Opens `path` for writing (see the type's rules).
    /// - Throws: ``Failure`` when the path is a folder, its folder does not exist, or it cannot be created.
    public init(path: String) throws(Failure) {
        self.path = path
        let resolved = try Self.followLinks(path)
        target = resolved
        var st = stat()
        if stat(resolved, &st) == 0 {
            switch st.st_mode & S_IFMT {
            case S_IFDIR: throw Failure(path: path, code: 0, isDirectory: true)
            case S_IFREG: break
            default:
                // A FIFO, a device, a socket…: written in place, as `>` does.
                let f = open(resolved, O_WRONLY | O_CLOEXEC)
                guard f >= 0 else { throw Failure(path: path, code: errno) }
                fd = f; temporary = nil
                return
            }
        } else if errno != ENOENT {
            throw Failure(path: path, code: errno)
        }
        let existed = (st.st_mode & S_IFMT) == S_IFREG
        var template = Array(Self.folder(of: resolved).utf8CString.dropLast())
        template += Array(("/." + Self.name(of: resolved) + ".pilotage-XXXXXX").utf8CString)
        let f = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard f >= 0 else {
            var dir = stat()
            throw Failure(path: path, code: stat(Self.folder(of: resolved), &dir) == 0 ? errno : ENOENT)
        }
        temporary = String(cString: template)
        fd = f
        // The permissions of the file replaced, else those `>` gives a new file (0666 less the umask).
        let mask = umask(0); umask(mask)
        _ = fchmod(f, existed ? st.st_mode & 0o7777 : 0o666 & ~mask)
        buffer.reserveCapacity(1 << 16)
    }

    deinit { if !finished { discard() } }

    /// Appends text (buffered).
    public func write(_ text: String) throws(Failure) {
        var text = text
        text.withUTF8 { buffer.append(contentsOf: $0) }
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Appends bytes (buffered).
    public func write(bytes: [UInt8]) throws(Failure) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Writes out what is buffered.
    public func flush() throws(Failure) {
        let failed = Self.writeAll(fd, buffer, limit: faultAfter.map { $0 - written })
        written += buffer.count
        buffer.removeAll(keepingCapacity: true)
        if let failed { discard(); throw Failure(path: path, code: failed) }
    }

    /// Finishes the file: flushes, syncs and renames a regular file into place.
    public func commit() throws(Failure) {
        try flush()
        finished = true
        guard let temporary else {
            if close(fd) != 0, errno != EINTR { throw Failure(path: path, code: errno) }
            return
        }
        if fsync(fd) != 0 { let e = errno; close(fd); unlink(temporary); throw Failure(path: path, code: e) }
        if close(fd) != 0, errno != EINTR { let e = errno; unlink(temporary); throw Failure(path: path, code: e) }
        if rename(temporary, target) != 0 { let e = errno; unlink(temporary); throw Failure(path: path, code: e) }
        // The rename itself is durable once the folder is synced.
        let dir = open(Self.folder(of: target), O_RDONLY | O_CLOEXEC)
        if dir >= 0 { _ = fsync(dir); close(dir) }
    }

    /// Gives up: a regular file is left as it was, the temporary file removed.
    public func discard() {
        guard !finished else { return }
        finished = true
        close(fd)
        if let temporary { unlink(temporary) }
    }

    /// Writes a whole text to `path` (see the type's rules).
    public static func write(_ text: String, to path: String) throws(Failure) {
        let out = try OutputFile(path: path)
        try out.write(text)
        try out.commit()
    }

    /// Creates a folder and the folders above it that are missing (`mkdir -p`).
    public static func makeFolder(_ path: String) throws(Failure) {
        var st = stat()
        if stat(path, &st) == 0 {
            guard (st.st_mode & S_IFMT) == S_IFDIR else { throw Failure(path: path, code: ENOTDIR) }
            return
        }
        let parent = folder(of: path)
        if parent != path, parent != "." { try makeFolder(parent) }
        if mkdir(path, 0o777) != 0, errno != EEXIST { throw Failure(path: path, code: errno) }
    }

    /// Writes whole bytes to `path` (see the type's rules).
    public static func write(bytes: [UInt8], to path: String) throws(Failure) {
        let out = try OutputFile(path: path)
        try out.write(bytes: bytes)
        try out.commit()
    }

    /// Writes all of `bytes` to a descriptor, going on after short writes and interruptions;
    /// returns the error number of a failure.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8], limit: Int? = nil) -> Int32? {
        bytes.withUnsafeBytes { raw -> Int32? in
            var offset = 0
            while offset < raw.count {
                if let limit, offset >= limit { return ENOSPC }
                let n = systemWrite(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; return errno }
                offset += n
            }
            return nil
        }
    }

    /// The path a chain of symbolic links leads to (the path itself when it is not a link).
    private static func followLinks(_ path: String) throws(Failure) -> String {
        var current = path
        for _ in 0..<40 {
            var st = stat()
            guard lstat(current, &st) == 0, (st.st_mode & S_IFMT) == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(current, &buffer, buffer.count - 1)
            guard n >= 0 else { throw Failure(path: path, code: errno) }
            let link = String(decoding: buffer.prefix(n).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = link.hasPrefix("/") ? link : folder(of: current) + "/" + link
        }
        throw Failure(path: path, code: ELOOP)
    }

    private static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func name(of path: String) -> String {
        path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
    }
}

/// `write(2)`, named apart from the writers' own `write` methods.
@inline(__always) private func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
    write(fd, p, n)
}

/// The process's standard output, written without buffering in the C library: a closed or full
/// output is an error to report, never a trap and never lost silently.
public enum StandardOutput {
    /// Writes text to standard output.
    /// - Throws: ``OutputFile/Failure`` with the path « standard output » in the given language.
    public static func write(_ text: String, language: Language = .fr) throws(OutputFile.Failure) {
        guard !text.isEmpty else { return }
        if let code = OutputFile.writeAll(1, Array(text.utf8)) {
            throw OutputFile.Failure(path: LocalizedText(fr: "sortie standard", en: "standard output").text(language), code: code)
        }
    }

    /// Writes text to standard error; a failure there has nowhere to be reported and is ignored.
    public static func writeError(_ text: String) { _ = OutputFile.writeAll(2, Array(text.utf8)) }
}
