import Crypto
import CryptoExtras
import Foundation

/// The pseudonym key on disk: `studie.qualcode-key` beside `studie.qualcode`, JSON, readable by the
/// owner alone (mode 0600). With a passphrase it is sealed with AES-256-GCM under a key derived by
/// scrypt; the envelope says which, so a reader knows to ask for one. Written whole to a temporary file
/// and moved into place, so a crash leaves the old key or the new one, never half of either.
public enum KeyFile {
    static let format = "qualcode-key"
    static let version = 1
    /// `scrypt$log2(N)$r$p`, as account passwords are kept.
    static let kdf = "scrypt$15$8$1"
    public static let minimumPassphraseLength = 8
    /// A key holds names, not documents: a larger file is no key.
    static let maximumSize = 16 << 20
    /// scrypt's N·r at most 2¹⁹ (64 MiB of memory), twice what ``kdf`` uses.
    static let maximumScryptBlocks = 1 << 19

    /// Where the key of the project at `project` lives.
    public static func url(besides project: URL) -> URL {
        URL(fileURLWithPath: project.path + "-key")
    }

    /// What the file says of itself before any passphrase: whether one is needed.
    ///
    /// - Throws: ``PrivacyError/keyNotFound(path:)``, ``PrivacyError/notAKey(path:reason:)``.
    public static func isEncrypted(_ url: URL) throws -> Bool {
        try envelope(url).sealed != nil
    }

    /// Reads the key, opening it with `passphrase` when it is encrypted.
    ///
    /// - Throws: ``PrivacyError/keyNotFound(path:)``, ``PrivacyError/notAKey(path:reason:)``,
    ///   ``PrivacyError/passphraseNeeded(path:)``, ``PrivacyError/wrongPassphrase(path:)``.
    public static func read(_ url: URL, passphrase: String? = nil) throws -> PseudonymKey {
        let envelope = try envelope(url)
        guard let sealed = envelope.sealed else {
            guard let key = envelope.key else { throw PrivacyError.notAKey(path: url.path, reason: "it holds neither a key nor a sealed one") }
            return key
        }
        guard let passphrase, !passphrase.isEmpty else { throw PrivacyError.passphraseNeeded(path: url.path) }
        guard let salt = Data(base64Encoded: sealed.salt), let combined = Data(base64Encoded: sealed.box) else {
            throw PrivacyError.notAKey(path: url.path, reason: "its sealed part is not base64")
        }
        let symmetric = try symmetricKey(passphrase, salt: Array(salt), kdf: sealed.kdf, path: url.path)
        let plain: Data
        do {
            plain = try AES.GCM.open(try AES.GCM.SealedBox(combined: combined), using: symmetric)
        } catch {
            throw PrivacyError.wrongPassphrase(path: url.path)
        }
        do { return try JSONDecoder().decode(PseudonymKey.self, from: plain) } catch {
            throw PrivacyError.notAKey(path: url.path, reason: "the sealed key is not one this version reads")
        }
    }

    /// Writes the key, sealed when a passphrase is given, replacing the file whole.
    ///
    /// - Throws: ``PrivacyError/passphraseTooShort(minimum:)``; the file system's error when the folder
    ///   cannot be written (the old file then stays as it was).
    public static func write(_ key: PseudonymKey, to url: URL, passphrase: String? = nil) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var envelope = Envelope(format: format, version: version)
        if let passphrase {
            guard passphrase.count >= minimumPassphraseLength else { throw PrivacyError.passphraseTooShort(minimum: minimumPassphraseLength) }
            var generator = SystemRandomNumberGenerator()
            let salt = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            let box = try AES.GCM.seal(try encoder.encode(key), using: try symmetricKey(passphrase, salt: salt, kdf: kdf, path: url.path))
            guard let combined = box.combined else { throw PrivacyError.notAKey(path: url.path, reason: "it could not be sealed") }
            envelope.sealed = Sealed(kdf: kdf, salt: Data(salt).base64EncodedString(), box: combined.base64EncodedString())
        } else {
            envelope.key = key
        }
        let data = try encoder.encode(envelope) + Data("\n".utf8)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        // Made readable by the owner alone before a byte of the key is in it.
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: url.path])
        }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try handle.close()
            if rename(temporary.path, url.path) != 0 { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path]) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    // MARK: - The envelope

    struct Envelope: Codable {
        var format: String
        var version: Int
        var key: PseudonymKey?
        var sealed: Sealed?
    }

    struct Sealed: Codable {
        var kdf: String
        var salt: String
        /// AES-GCM's nonce, ciphertext and tag, base64.
        var box: String
    }

    private static func envelope(_ url: URL) throws -> Envelope {
        guard FileManager.default.fileExists(atPath: url.path) else { throw PrivacyError.keyNotFound(path: url.path) }
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        guard size <= maximumSize else { throw PrivacyError.notAKey(path: url.path, reason: "it is larger than \(maximumSize >> 20) MiB") }
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw PrivacyError.notAKey(path: url.path, reason: "it cannot be read") }
        let envelope: Envelope
        do { envelope = try JSONDecoder().decode(Envelope.self, from: data) } catch {
            throw PrivacyError.notAKey(path: url.path, reason: "it is not the JSON a key is written in")
        }
        guard envelope.format == format else { throw PrivacyError.notAKey(path: url.path, reason: "it does not say it is one") }
        guard envelope.version <= version else {
            throw PrivacyError.notAKey(path: url.path, reason: "it was written by a newer QualCode (version \(envelope.version))")
        }
        return envelope
    }

    private static func symmetricKey(_ passphrase: String, salt: [UInt8], kdf: String, path: String) throws -> SymmetricKey {
        let parts = kdf.split(separator: "$")
        // The file says how hard to work: a hostile one could ask for gigabytes and minutes before the
        // passphrase is even tried, so no more than twice the memory and four times the work we write with.
        guard parts.count == 4, parts[0] == "scrypt", let logN = Int(parts[1]), (10...20).contains(logN),
              let r = Int(parts[2]), (1...32).contains(r), let p = Int(parts[3]), (1...4).contains(p), salt.count >= 16,
              (1 << logN) * r <= maximumScryptBlocks, (1 << logN) * r * p <= 2 * maximumScryptBlocks else {
            throw PrivacyError.notAKey(path: path, reason: "its key derivation \"\(kdf.prefix(40))\" is not one this version uses")
        }
        return try KDF.Scrypt.deriveKey(from: Array(passphrase.utf8), salt: salt, outputByteCount: 32, rounds: 1 << logN, blockSize: r,
                                        parallelism: p)
    }
}
