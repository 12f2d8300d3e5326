namespace AutoTracker.Vehicles.Vins;

/// <summary>Result of validating and decoding one VIN offline.</summary>
/// <param name="Normalized">The input with surrounding white space removed and letters upper-cased (invariant culture). Empty for null input.</param>
/// <param name="Problem">The problem that makes the VIN unacceptable, or <see cref="VinProblem.None"/>.</param>
/// <param name="CheckDigitRequired">
/// Whether the North American rules of 49 CFR 565 apply, which make both a wrong check digit and a missing
/// model-year code blocking. True when the first character is 1-5 or the market is <see cref="VinMarket.NorthAmerica"/>.
/// </param>
/// <param name="CheckDigit">Outcome of the check-digit test. It is computed whenever the input is 17 valid VIN characters, even when not required.</param>
/// <param name="CheckDigitActual">Character in position 9, or null unless the input has 17 characters.</param>
/// <param name="CheckDigitComputed">Check digit computed from the other 16 positions, or null when it could not be computed.</param>
/// <param name="Wmi">
/// World Manufacturer Identifier: positions 1-3, or positions 1-3 and 12-14 when position 3 is '9' (a small manufacturer).
/// It is set whether or not the vPIC table lists it, and null when the input does not have 17 characters or the WMI contains a character that is not valid in a VIN.
/// </param>
/// <param name="ModelYear">Model year from position 10, or null when position 10 is not a year code; see <see cref="VinModelYear.Resolve"/> for the cycle rule.</param>
/// <param name="Manufacturer">Registered manufacturer name from the vPIC table, for example "FORD MOTOR COMPANY", or null when the WMI is not listed.</param>
/// <param name="Country">
/// Country of the registered manufacturer from the vPIC table, or else the country to which ISO 3780 assigns the first two characters.
/// Null when neither table lists it.
/// </param>
/// <param name="Region">Continent block of the first character, or null when the first character is not a VIN character.</param>
public sealed record VinDecoding(
    string Normalized,
    VinProblem Problem,
    bool CheckDigitRequired,
    VinCheckDigitState CheckDigit,
    char? CheckDigitActual,
    char? CheckDigitComputed,
    string? Wmi,
    int? ModelYear,
    string? Manufacturer,
    string? Country,
    VinRegion? Region)
{
    /// <summary>Whether the VIN may be stored: true when there is no blocking problem, even if an advisory check digit failed.</summary>
    public bool IsAcceptable => Problem == VinProblem.None;

    /// <summary>
    /// Brand vPIC gives the WMI's manufacturer, for example "Honda" for 5FN, or null when the WMI is not listed.
    /// It names the manufacturer's usual brand, which is not always the vehicle's make (1J4 gives Chrysler for a Jeep).
    /// </summary>
    public string? Make { get; init; }
}
