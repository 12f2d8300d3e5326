namespace AutoTracker.Vehicles.Vins;

/// <summary>
/// The VIN check digit of 49 CFR 565.15(c). Each character is transliterated to a number (Table III),
/// multiplied by the weight of its position (Table IV), and the sum is taken modulo 11.
/// A remainder of 10 is written as X.
/// </summary>
public static class VinCheckDigit
{
    /// <summary>Position of the check digit, 1-based as in the regulation.</summary>
    public const int Position = 9;

    // Table IV, positions 1-17. Position 9 contains the check digit itself, so its weight is 0.
    private static readonly int[] Weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

    // Table III for A-Z. I, O and Q are 0 here because they have no value.
    private static readonly int[] LetterValues =
    [
        1, 2, 3, 4, 5, 6, 7, 8, 0, // A-I
        1, 2, 3, 4, 5, 0, 7, 0, 9, // J-R
        2, 3, 4, 5, 6, 7, 8, 9,    // S-Z
    ];

    /// <summary>
    /// Gets the Table III value of a VIN character. A digit is its own value, and A-Z map to 1-9.
    /// Returns false for I, O, Q, lower-case letters and anything else that may not appear in a VIN.
    /// </summary>
    public static bool TryTransliterate(char character, out int value)
    {
        if (char.IsAsciiDigit(character))
        {
            value = character - '0';
            return true;
        }

        if (char.IsAsciiLetterUpper(character) && character is not ('I' or 'O' or 'Q'))
        {
            value = LetterValues[character - 'A'];
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>
    /// Computes the weighted sum of all 17 positions. Returns false when the VIN is not 17 characters long
    /// or a character has no Table III value.
    /// The character in position 9 is ignored.
    /// </summary>
    public static bool TryComputeWeightedSum(ReadOnlySpan<char> vin, out int sum)
    {
        sum = 0;
        if (vin.Length != VehicleConsts.VinLength)
        {
            return false;
        }

        for (var i = 0; i < vin.Length; i++)
        {
            if (i == Position - 1)
            {
                continue;
            }

            if (!TryTransliterate(vin[i], out var value))
            {
                sum = 0;
                return false;
            }

            sum += value * Weights[i];
        }

        return true;
    }

    /// <summary>
    /// Computes the check digit that belongs in position 9, which is '0'-'9', or 'X' for a remainder of 10.
    /// Returns false under the same conditions as <see cref="TryComputeWeightedSum"/>.
    /// </summary>
    public static bool TryCompute(ReadOnlySpan<char> vin, out char checkDigit)
    {
        if (!TryComputeWeightedSum(vin, out var sum))
        {
            checkDigit = default;
            return false;
        }

        var remainder = sum % 11;
        checkDigit = remainder == 10 ? 'X' : (char)('0' + remainder);
        return true;
    }
}
