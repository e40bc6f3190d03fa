import Foundation
import QualCode

extension Privacy {
    /// The project's pseudonym key file, beside the project file.
    public var keyURL: URL { KeyFile.url(besides: store.url) }

    /// Whether the project has a key file yet.
    public var hasKey: Bool { FileManager.default.fileExists(atPath: keyURL.path) }

    /// Whether the key file is sealed with a passphrase.
    public var keyIsSealed: Bool { get throws { try KeyFile.isEncrypted(keyURL) } }

    /// Makes an empty key, sealed when a passphrase is given.
    ///
    /// - Throws: ``PrivacyError/keyExists(path:)``, ``PrivacyError/passphraseTooShort(minimum:)``.
    public func createKey(passphrase: String? = nil) throws {
        guard !hasKey else { throw PrivacyError.keyExists(path: keyURL.path) }
        try KeyFile.write(PseudonymKey(), to: keyURL, passphrase: passphrase)
    }

    /// The key, opened with `passphrase` when it is sealed.
    public func key(passphrase: String? = nil) throws -> PseudonymKey {
        try KeyFile.read(keyURL, passphrase: passphrase)
    }

    /// Changes the key and writes it back as it was kept (sealed with the same passphrase, or not);
    /// when `change` throws, the file is left as it was.
    @discardableResult
    public func changeKey(passphrase: String? = nil, _ change: (inout PseudonymKey) throws -> Void) throws -> PseudonymKey {
        let sealed = try KeyFile.isEncrypted(keyURL)
        var key = try KeyFile.read(keyURL, passphrase: passphrase)
        try change(&key)
        try KeyFile.write(key, to: keyURL, passphrase: sealed ? passphrase : nil)
        return key
    }

    /// Seals the key with `new`, or with nil writes it in the clear (for the owner's eyes alone still).
    public func setKeyPassphrase(current: String?, new: String?) throws {
        let key = try KeyFile.read(keyURL, passphrase: current)
        try KeyFile.write(key, to: keyURL, passphrase: new)
    }
}
