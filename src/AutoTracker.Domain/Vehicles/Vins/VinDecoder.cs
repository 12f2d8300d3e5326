namespace AutoTracker.Vehicles.Vins;

/// <summary>
/// Validates a 17-character VIN (ISO 3779, 49 CFR 565) and decodes its manufacturer, country, region and
/// model year from tables embedded in this assembly, without any network access. Instances are thread-safe.
/// </summary>
public sealed class VinDecoder
{
    // Trimmed inputs up to this length, which covers a VIN with some padding, are upper-cased on the stack.
    private const int StackBufferLength = 64;

    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a decoder whose model-year limit follows <paramref name="timeProvider"/>'s UTC year.</summary>
    public VinDecoder(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
    }

    /// <summary>A decoder on the system clock.</summary>
    public static VinDecoder Default { get; } = new(TimeProvider.System);

    /// <summary>
    /// Validates and decodes <paramref name="input"/>. Never throws for bad input. Every problem is reported in
    /// <see cref="VinDecoding.Problem"/>, and the descriptive fields are filled whenever the input has 17 characters.
    /// </summary>
    /// <param name="input">The VIN as typed. Surrounding white space and lower case are accepted.</param>
    /// <param name="market">Market the vehicle was built for, if the caller knows it. See <see cref="VinMarket"/>.</param>
    /// <exception cref="InvalidDataException">The embedded reference tables are missing or malformed (a build error).</exception>
    public VinDecoding Decode(string? input, VinMarket market = VinMarket.Unspecified)
    {
        var normalized = Normalize(input);
        var rulesApply = market == VinMarket.NorthAmerica || (normalized.Length > 0 && IsNorthAmericanWmi(normalized[0]));

        if (normalized.Length != VehicleConsts.VinLength)
        {
            var lengthProblem = normalized.Length == 0 ? VinProblem.Missing : VinProblem.InvalidLength;
            return new VinDecoding(
                normalized, lengthProblem, rulesApply, VinCheckDigitState.NotChecked,
                CheckDigitActual: null, CheckDigitComputed: null, Wmi: null, ModelYear: null,
                Manufacturer: null, Country: null, Region: null);
        }

        var problem = FindCharacterProblem(normalized);

        var checkDigitActual = normalized[VinCheckDigit.Position - 1];
        char? checkDigitComputed = null;
        var checkDigit = VinCheckDigitState.NotChecked;
        if (problem == VinProblem.None && VinCheckDigit.TryCompute(normalized, out var computed))
        {
            checkDigitComputed = computed;
            checkDigit = computed == checkDigitActual ? VinCheckDigitState.Passed : VinCheckDigitState.Failed;
        }

        var yearCode = normalized[VinModelYear.Position - 1];
        var modelYear = VinModelYear.Resolve(yearCode, normalized[VinModelYear.CyclePosition - 1], _timeProvider.GetUtcNow().Year);

        // A year code that cannot exist is a structural error, so it is reported even when the check digit also fails.
        if (problem == VinProblem.None && rulesApply)
        {
            if (!VinModelYear.IsYearCode(yearCode))
            {
                problem = VinProblem.InvalidModelYearCode;
            }
            else if (checkDigit == VinCheckDigitState.Failed)
            {
                problem = VinProblem.InvalidCheckDigit;
            }
        }

        var data = VinReferenceData.Instance;
        var (wmi, entry) = FindWmi(normalized, data);
        var country = entry?.Country ?? data.FindCountry(normalized[0], normalized[1]);

        return new VinDecoding(
            normalized, problem, rulesApply, checkDigit, checkDigitActual, checkDigitComputed,
            wmi, modelYear, entry?.ManufacturerName, country, FindRegion(normalized[0]))
        {
            Make = entry?.CommonName,
        };
    }

    /// <summary>Trims and upper-cases the input, returning the same string when it is already normalized.</summary>
    private static string Normalize(string? input)
    {
        if (input is null)
        {
            return string.Empty;
        }

        var trimmed = input.AsSpan().Trim();
        var upper = trimmed.Length <= StackBufferLength
            ? stackalloc char[StackBufferLength]
            : new char[trimmed.Length];
        upper = upper[..trimmed.Length];
        trimmed.ToUpperInvariant(upper);

        return trimmed.Length == input.Length && upper.SequenceEqual(trimmed) ? input : new string(upper);
    }

    /// <summary>Returns InvalidCharacter for any character outside 0-9 and A-Z, else InvalidCharacterIoq for I, O or Q.</summary>
    private static VinProblem FindCharacterProblem(ReadOnlySpan<char> vin)
    {
        var hasIoq = false;
        foreach (var character in vin)
        {
            if (character is 'I' or 'O' or 'Q')
            {
                hasIoq = true;
            }
            else if (!char.IsAsciiDigit(character) && !char.IsAsciiLetterUpper(character))
            {
                return VinProblem.InvalidCharacter;
            }
        }

        return hasIoq ? VinProblem.InvalidCharacterIoq : VinProblem.None;
    }

    /// <summary>
    /// Reads the WMI from a 17-character VIN and looks it up. A '9' in position 3 marks a manufacturer of
    /// fewer than 1,000 vehicles a year, whose WMI continues with positions 12-14.
    /// </summary>
    private static (string? Wmi, WmiEntry? Entry) FindWmi(ReadOnlySpan<char> vin, VinReferenceData data)
    {
        Span<char> smallManufacturerWmi = stackalloc char[6];
        scoped ReadOnlySpan<char> wmi;
        if (vin[2] == '9')
        {
            vin[..3].CopyTo(smallManufacturerWmi);
            vin.Slice(11, 3).CopyTo(smallManufacturerWmi[3..]);
            wmi = smallManufacturerWmi;
        }
        else
        {
            wmi = vin[..3];
        }

        if (FindCharacterProblem(wmi) != VinProblem.None)
        {
            return (null, null);
        }

        return data.TryFindWmi(wmi, out var entry) ? (entry.Wmi, entry) : (new string(wmi), null);
    }

    private static bool IsNorthAmericanWmi(char first) => first is >= '1' and <= '5';

    private static VinRegion? FindRegion(char first) => first switch
    {
        >= 'A' and <= 'H' => VinRegion.Africa,
        >= 'J' and <= 'R' and not 'O' and not 'Q' => VinRegion.Asia,
        >= 'S' and <= 'Z' => VinRegion.Europe,
        >= '1' and <= '5' => VinRegion.NorthAmerica,
        '6' or '7' => VinRegion.Oceania,
        '8' or '9' or '0' => VinRegion.SouthAmerica,
        _ => null,
    };
}
