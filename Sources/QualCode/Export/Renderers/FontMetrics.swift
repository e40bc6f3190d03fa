import Foundation

/// How wide text is in Calibri, for giving table columns widths from their content: the advance
/// widths of Carlito (metric-compatible with Calibri, the font of QualCode's styles; LibreOffice
/// renders with it) in units of 1/2048 em, read from Debian's fonts-crosextra-carlito with
/// fontTools. Letters outside the table count as wide ones.
enum FontMetrics {
    /// The width of `text` in twips at `halfPoints` (Word's `w:sz`), bold or regular.
    static func width(_ text: some StringProtocol, halfPoints: Int, bold: Bool) -> Int {
        var units = 0
        for scalar in text.unicodeScalars { units += advance(scalar, bold: bold) }
        // units/2048 em × size in points × 20 twips per point.
        return (units * halfPoints * 10 + 2047) / 2048
    }

    /// One letter's advance in 1/2048 em.
    static func advance(_ scalar: Unicode.Scalar, bold: Bool) -> Int {
        let v = Int(scalar.value)
        switch v {
        case 0x20...0x7E: return (bold ? boldWidths : regularWidths)[v - 0x20]
        case 0xA0...0xFF: return (bold ? boldWidths : regularWidths)[95 + v - 0xA0]
        case 0x0300...0x036F, 0x200B...0x200D, 0xFE00...0xFE0F: return 0  // combining marks, zero-width characters
        default:
            if let width = (bold ? boldExtra : regularExtra)[scalar] { return width }
            return scalar.properties.isEmojiPresentation ? 2048 : (bold ? 1150 : 1100)
        }
    }

    /// U+0020–U+007E, then U+00A0–U+00FF (the no-break space as wide as a space, the soft hyphen nothing).
    private static let regularWidths: [Int] = [
        463, 667, 821, 1020, 1038, 1464, 1397, 452, 621, 621, 1020, 1020, 511, 627, 517, 791,
        1038, 1038, 1038, 1038, 1038, 1038, 1038, 1038, 1038, 1038, 548, 548, 1020, 1020, 1020, 949,
        1831, 1185, 1114, 1092, 1260, 1000, 941, 1292, 1276, 516, 653, 1064, 861, 1751, 1322, 1356,
        1058, 1378, 1112, 941, 998, 1314, 1162, 1822, 1063, 998, 959, 628, 791, 628, 1020, 1020,
        596, 981, 1076, 866, 1076, 1019, 625, 964, 1076, 470, 490, 931, 470, 1636, 1076, 1080,
        1076, 1076, 714, 801, 686, 1076, 925, 1464, 887, 927, 809, 644, 943, 644, 1020, 463,
        667, 1020, 1038, 1020, 1038, 1020, 1020, 804, 1709, 824, 1049, 1020, 0, 1038, 807, 694,
        1020, 688, 685, 598, 1126, 1200, 517, 629, 504, 865, 1049, 1303, 1375, 1383, 949, 1185,
        1185, 1185, 1185, 1185, 1185, 1563, 1092, 1000, 1000, 1000, 1000, 516, 516, 516, 516, 1279,
        1322, 1356, 1356, 1356, 1356, 1356, 1020, 1359, 1314, 1314, 1314, 1314, 998, 1058, 1080, 981,
        981, 981, 981, 981, 981, 1583, 866, 1019, 1019, 1019, 1019, 470, 470, 470, 470, 1076,
        1076, 1080, 1080, 1080, 1080, 1080, 1020, 1084, 1076, 1076, 1076, 1076, 927, 1076, 927,
    ]
    private static let regularExtra: [Unicode.Scalar: Int] = [
        "\u{2002}": 1024, "\u{2003}": 2048, "\u{2009}": 409, "\u{202F}": 409, "\u{2013}": 1020, "\u{2014}": 1854,
        "\u{2018}": 511, "\u{2019}": 511, "\u{201C}": 857, "\u{201D}": 857, "\u{2022}": 1020, "\u{2026}": 1414,
        "\u{2039}": 694, "\u{203A}": 694, "\u{20AC}": 1038, "\u{2212}": 1020,
    ]
    /// U+0020–U+007E, then U+00A0–U+00FF (the no-break space as wide as a space, the soft hyphen nothing).
    private static let boldWidths: [Int] = [
        463, 667, 898, 1020, 1038, 1493, 1443, 478, 638, 638, 1020, 1020, 528, 627, 547, 880,
        1038, 1038, 1038, 1038, 1038, 1038, 1038, 1038, 1038, 1038, 565, 565, 1020, 1020, 1020, 949,
        1840, 1241, 1148, 1084, 1291, 999, 940, 1305, 1292, 546, 678, 1120, 866, 1790, 1349, 1385,
        1090, 1405, 1153, 968, 1014, 1337, 1211, 1856, 1128, 1064, 979, 665, 880, 665, 1020, 1020,
        615, 1011, 1099, 857, 1099, 1031, 648, 971, 1099, 503, 523, 983, 503, 1666, 1099, 1101,
        1099, 1099, 728, 817, 710, 1099, 969, 1526, 941, 970, 814, 704, 973, 704, 1020, 463,
        667, 1020, 1038, 1020, 1038, 1020, 1020, 849, 1709, 852, 1103, 1020, 0, 1038, 799, 701,
        1020, 692, 688, 616, 1154, 1224, 548, 621, 517, 891, 1103, 1347, 1415, 1437, 949, 1241,
        1241, 1241, 1241, 1241, 1241, 1588, 1084, 999, 999, 999, 999, 546, 546, 546, 546, 1309,
        1349, 1385, 1385, 1385, 1385, 1385, 1020, 1394, 1337, 1337, 1337, 1337, 1064, 1090, 1136, 1011,
        1011, 1011, 1011, 1011, 1011, 1587, 857, 1031, 1031, 1031, 1031, 503, 503, 503, 503, 1099,
        1099, 1101, 1101, 1101, 1101, 1101, 1020, 1114, 1099, 1099, 1099, 1099, 970, 1099, 970,
    ]
    private static let boldExtra: [Unicode.Scalar: Int] = [
        "\u{2002}": 1024, "\u{2003}": 2048, "\u{2009}": 409, "\u{202F}": 409, "\u{2013}": 1020, "\u{2014}": 1854,
        "\u{2018}": 528, "\u{2019}": 528, "\u{201C}": 891, "\u{201D}": 891, "\u{2022}": 1020, "\u{2026}": 1457,
        "\u{2039}": 705, "\u{203A}": 705, "\u{20AC}": 1038, "\u{2212}": 1020,
    ]
}
