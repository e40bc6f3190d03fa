import Foundation

/// The Norwegian national identity number (fødselsnummer): six digits of birth date, three of the
/// individual number and two check digits computed modulo 11. D-numbers add 4 to the first digit of
/// the day, H-numbers 4 to the first digit of the month, and synthetic test numbers 40 or 80 to the
/// month; all are checked the same way.
public enum NationalIdentityNumber {
    static let firstWeights = [3, 7, 6, 1, 8, 9, 4, 5, 2]
    static let secondWeights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]

    /// Whether eleven digits make a valid number: both check digits right and a date that can be one.
    /// A run of eleven digits with a wrong check digit is something else (an account number, a code).
    public static func isValid(_ digits: [Int]) -> Bool {
        guard digits.count == 11, digits.allSatisfy({ (0...9).contains($0) }) else { return false }
        guard checkDigit(digits, firstWeights) == digits[9], checkDigit(digits, secondWeights) == digits[10] else { return false }
        var day = digits[0] * 10 + digits[1], month = digits[2] * 10 + digits[3]
        if day > 40 { day -= 40 }                   // D-number
        if month > 80 { month -= 80 } else if month > 40 { month -= 40 }  // synthetic (Tenor) or H-number / NAV's synthetic
        let longest = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return (1...12).contains(month) && (1...longest[month - 1]).contains(day)
    }

    /// The check digit over the digits the weights cover; nil when the remainder leaves 10 (no valid
    /// number has it).
    static func checkDigit(_ digits: [Int], _ weights: [Int]) -> Int? {
        let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
        let digit = (11 - sum % 11) % 11
        return digit == 10 ? nil : digit
    }
}
