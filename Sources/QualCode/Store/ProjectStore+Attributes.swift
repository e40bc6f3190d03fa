import Foundation
import GRDB

/// Participant attributes («variabler»): defined with a type, given a display name for tables. Values
/// are set with the participant (``ProjectStore/updateParticipant(_:label:attributes:)``), where the
/// attribute's type checks them.
extension ProjectStore {
    /// Every attribute, by name, with its type and display label.
    public func attributes() throws -> [Attribute] {
        try pool.read { db in try Attribute.fetchAll(db).sorted { ($0.name.lowercased(), $0.name) < ($1.name.lowercased(), $1.name) } }
    }

    /// Defines an attribute before any participant has a value for it, so its type is chosen rather than
    /// guessed from the first value (`ansiennitet` as a float although the first value is «6»).
    ///
    /// For example:
    /// ```swift
    /// try store.defineAttribute("ansiennitet", type: .float, label: "Antall år i NAV")
    /// ```
    ///
    /// - Parameters:
    ///   - name: held to ``NameRules``; unique ignoring case («Rolle» and «rolle» are one attribute).
    ///   - label: the display name tables show (free text, like a participant's label); nil or blank shows the name.
    /// - Returns: the attribute as stored.
    /// - Throws: ``StoreError/duplicate(what:name:)`` for a name taken (in any case),
    ///   ``StoreError/emptyName(what:)`` or ``StoreError/invalidName(what:name:problem:)`` for a name that
    ///   breaks the rules. Nothing is changed then.
    @discardableResult
    public func defineAttribute(_ name: String, type: AttributeType, label: String? = nil) throws -> Attribute {
        let name = try NameRules.checked(name, what: "attribute")
        let label = Self.label(label)
        return try pool.write { db in
            if try Self.attribute(db, named: name) != nil { throw StoreError.duplicate(what: "attribute", name: name) }
            let attribute = Attribute(name: name, type: type, label: label)
            try attribute.insert(db)
            try log(db, "attribute.add", ["id": LogValue(attribute.id), "name": .string(name), "type": .string(type.rawValue),
                                          "label": LogValue(label)])
            return attribute
        }
    }

    /// Gives an attribute the display name tables show in their headers («Rolle i tjenesten» for
    /// `rolle`); nil or a blank label goes back to the name. Templates and options keep using the name.
    ///
    /// - Parameter name: the attribute's name, exactly or in any case.
    /// - Returns: the attribute as it now is.
    /// - Throws: ``StoreError/notFound(what:reference:candidates:)`` for an attribute the project does not have.
    @discardableResult
    public func setAttributeLabel(_ name: String, to label: String?) throws -> Attribute {
        let label = Self.label(label)
        return try pool.write { db in
            guard var attribute = try Self.attribute(db, named: name) else {
                throw StoreError.notFound(what: "attribute", reference: name, candidates: try Attribute.fetchAll(db).map(\.name).sorted())
            }
            attribute.label = label
            try attribute.update(db)
            try log(db, "attribute.label", ["id": LogValue(attribute.id), "name": .string(attribute.name), "label": LogValue(attribute.label)])
            return attribute
        }
    }

    /// A display label as stored: trimmed, nil when blank. Labels are free text (listings escape what a
    /// terminal would obey); only names are held to ``NameRules``.
    static func label(_ raw: String?) -> String? {
        guard let trimmed = raw?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }
}
