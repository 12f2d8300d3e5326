namespace AutoTracker.Vehicles.Vins;

/// <summary>Outcome of the check-digit test on VIN position 9 (49 CFR 565.15).</summary>
public enum VinCheckDigitState
{
    /// <summary>The input is not 17 valid VIN characters, so no check digit could be computed.</summary>
    NotChecked = 0,
    Passed = 1,
    Failed = 2,
}

/// <summary>
/// The problem that makes a VIN unacceptable. When several apply, the first in this order wins:
/// <see cref="Missing"/>, <see cref="InvalidLength"/>, <see cref="InvalidCharacter"/>,
/// <see cref="InvalidCharacterIoq"/>, <see cref="InvalidModelYearCode"/>, <see cref="InvalidCheckDigit"/>.
/// </summary>
public enum VinProblem
{
    None = 0,

    /// <summary>The input is null, empty or only white space.</summary>
    Missing = 1,

    /// <summary>The trimmed input does not have exactly 17 characters.</summary>
    InvalidLength = 2,

    /// <summary>A character is neither an ASCII digit nor an ASCII letter A-Z.</summary>
    InvalidCharacter = 3,

    /// <summary>A character is I, O or Q, which VINs never use because they look like 1 and 0.</summary>
    InvalidCharacterIoq = 4,

    /// <summary>Position 9 does not match the computed check digit, and North American rules apply.</summary>
    InvalidCheckDigit = 5,

    /// <summary>Position 10 is 0, U or Z, which are not model-year codes, and North American rules apply.</summary>
    InvalidModelYearCode = 6,
}

/// <summary>Market the vehicle was built for, which decides whether the North American VIN rules of 49 CFR 565 apply.</summary>
public enum VinMarket
{
    /// <summary>
    /// Market not known. The North American rules then apply only to VINs whose first character is 1-5,
    /// so a Japanese- or European-built VIN with a wrong check digit is accepted with a failed check.
    /// </summary>
    Unspecified = 0,

    /// <summary>
    /// Built for the United States, Canada or Mexico, so the check digit and the model-year code are mandatory
    /// whatever the country of manufacture.
    /// </summary>
    NorthAmerica = 1,
}

/// <summary>Continent block of the first VIN character (ISO 3780).</summary>
public enum VinRegion
{
    /// <summary>First character A-H.</summary>
    Africa = 0,

    /// <summary>First character J-R.</summary>
    Asia = 1,

    /// <summary>First character S-Z.</summary>
    Europe = 2,

    /// <summary>First character 1-5.</summary>
    NorthAmerica = 3,

    /// <summary>First character 6 or 7.</summary>
    Oceania = 4,

    /// <summary>First character 8, 9 or 0.</summary>
    SouthAmerica = 5,
}
