/// Short synthetic interviews (written for the tests, never real data) that more than one test target uses.
public enum SyntheticInterviews {
    /// Eva, a method supervisor, on trust and time: four turns, two of them hers.
    public static let eva = """
        Intervjuer: Hva betyr tillit for deg i jobben?
        Eva: Tillit er alt. Uten tillit får vi ingenting til med arbeidsgiverne.
        Intervjuer: Og tiden?
        Eva: Tid er det vi har minst av, ærlig talt. Skjemaene tar den.
        """
}
