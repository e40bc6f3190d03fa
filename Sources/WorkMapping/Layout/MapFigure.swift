import Foundation

/// What the work map shows, in the order and words it is drawn with: the input of ``MapLayout``. It holds
/// no ids of the store, so the layout and the SVG are pure functions of it (and the same figure gives the
/// same drawing, byte for byte).
///
/// Rows, top to bottom: texts that govern the whole process (outside the frame), each step's actions,
/// the steps in order with arrows between them, the texts tied to each step; optionally a swim lane per
/// actor with the actions it performs. A legend, a caption and the note that the order is simplified and
/// seen from the standpoint go below.
public struct MapFigure: Sendable, Hashable, Codable {
    /// One box: a stable key (for links and tests) and its label.
    public struct Box: Sendable, Hashable, Codable {
        public var key: String
        public var label: String
        public init(key: String, label: String) { self.key = key; self.label = label }
    }

    /// A step with what belongs to it.
    public struct Step: Sendable, Hashable, Codable {
        public var box: Box
        public var actions: [Box]
        public var texts: [Box]
        /// The step does not always come here in the work: the arrows into and out of it are dashed.
        public var orderNotFixed: Bool
        public init(box: Box, actions: [Box] = [], texts: [Box] = [], orderNotFixed: Bool = false) {
            self.box = box; self.actions = actions; self.texts = texts; self.orderNotFixed = orderNotFixed
        }
    }

    /// An actor's swim lane: the keys of the actions it performs.
    public struct Lane: Sendable, Hashable, Codable {
        public var actor: Box
        public var actions: [String]
        public init(actor: Box, actions: [String]) { self.actor = actor; self.actions = actions }
    }

    /// The words the drawing uses besides the labels, in the document's language.
    public struct Words: Sendable, Hashable, Codable {
        public var step: String
        public var action: String
        public var stepText: String
        public var processText: String
        public var actor: String
        public init(step: String, action: String, stepText: String, processText: String, actor: String) {
            self.step = step; self.action = action; self.stepText = stepText; self.processText = processText; self.actor = actor
        }

        public static let nb = Words(step: "Arbeidssteg", action: "Handlinger", stepText: "Tekster i steget",
                                     processText: "Tekster som styrer hele prosessen", actor: "Aktør")
        public static let en = Words(step: "Step of work", action: "Actions", stepText: "Texts in the step",
                                     processText: "Texts governing the whole process", actor: "Actor")
    }

    public var caption: String
    /// «Forenklet fremstilling, sett fra ståstedet; rekkefølgen er ikke fast.»
    public var note: String
    public var steps: [Step]
    public var processTexts: [Box]
    /// Empty: no swim lanes.
    public var lanes: [Lane]
    public var words: Words

    public init(caption: String, note: String, steps: [Step], processTexts: [Box] = [], lanes: [Lane] = [], words: Words = .nb) {
        self.caption = caption
        self.note = note
        self.steps = steps
        self.processTexts = processTexts
        self.lanes = lanes
        self.words = words
    }
}
