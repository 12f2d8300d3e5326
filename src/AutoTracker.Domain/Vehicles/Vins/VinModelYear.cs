namespace AutoTracker.Vehicles.Vins;

/// <summary>
/// The model-year code in VIN position 10 (49 CFR 565.15). The codes A-Y without I, O, Q, U and Z,
/// then 1-9, stand for 30 consecutive years and repeat every 30 years, so A is 1980 or 2010, Y is 2000 or 2030,
/// 9 is 2009 or 2039. The digit 0 and the letters U and Z are never year codes.
/// </summary>
public static class VinModelYear
{
    /// <summary>Position of the model-year code, 1-based as in the regulation.</summary>
    public const int Position = 10;

    /// <summary>Position whose kind, digit or letter, selects one of the two 30-year cycles.</summary>
    public const int CyclePosition = 7;

    /// <summary>First year of the earlier cycle, the year of code A.</summary>
    public const int FirstCycleStart = 1980;

    /// <summary>Length of one cycle of codes in years.</summary>
    public const int CycleLength = 30;

    private const string Codes = "ABCDEFGHJKLMNPRSTVWXY123456789";

    /// <summary>Returns whether the character is one of the 30 model-year codes. Lower case is not accepted.</summary>
    public static bool IsYearCode(char code) => Codes.Contains(code);

    /// <summary>
    /// Resolves a model year from the codes in positions 10 and 7.
    /// A digit in position 7 selects 1980-2009 and a letter selects 2010-2039, the convention 49 CFR 565
    /// sets for passenger cars, multipurpose passenger vehicles and light trucks.
    /// A later-cycle year more than one year after <paramref name="currentYear"/> cannot have been built yet,
    /// so the earlier cycle is returned instead. An earlier-cycle year is returned as it is.
    /// Returns null when position 10 is not a year code or position 7 is neither an ASCII digit nor an ASCII upper-case letter.
    /// </summary>
    /// <remarks>
    /// NOTE: heavy trucks, buses, trailers, motorcycles and VINs from outside North America need not follow the
    /// position 7 rule, so their year may be one cycle off, and a European VIN may not encode a year at all.
    /// </remarks>
    public static int? Resolve(char yearCode, char cycleCode, int currentYear)
    {
        var index = Codes.IndexOf(yearCode);
        if (index < 0)
        {
            return null;
        }

        var earlierYear = FirstCycleStart + index;
        if (char.IsAsciiDigit(cycleCode))
        {
            return earlierYear;
        }

        if (!char.IsAsciiLetterUpper(cycleCode))
        {
            return null;
        }

        var laterYear = earlierYear + CycleLength;
        return laterYear > currentYear + 1 ? earlierYear : laterYear;
    }
}
