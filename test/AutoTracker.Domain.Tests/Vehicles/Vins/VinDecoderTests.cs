using Microsoft.Extensions.Time.Testing;

namespace AutoTracker.Vehicles.Vins;

public class VinDecoderTests
{
    private static readonly DateTimeOffset Mid2025 = new(2025, 6, 15, 12, 0, 0, TimeSpan.Zero);

    private readonly VinDecoder _decoder = new(new FakeTimeProvider(Mid2025));

    // Reference file ------------------------------------------------------------------------------------------

    [Fact]
    public void TestCaseFile_Load_HasEveryRowOnce()
    {
        var ids = VinTestCaseFile.Cases.Select(testCase => testCase.CaseId).ToList();

        ids.Count.ShouldBe(119);
        ids.Distinct().Count().ShouldBe(ids.Count);
    }

    /// <summary>
    /// Decodes one row of the reference file and checks every column the file fills in.
    /// The file's expectations are those of a North American registry, where the check digit and the year code are
    /// mandatory whatever the WMI. Only rows whose check_digit_required starts with "no" are decoded without a market.
    /// </summary>
    [Theory]
    [MemberData(nameof(VinTestCaseFile.CaseIds), MemberType = typeof(VinTestCaseFile))]
    public void Decode_ReferenceCase_MatchesFile(string caseId)
    {
        var testCase = VinTestCaseFile.Get(caseId);
        var market = testCase.CheckDigitRequired.StartsWith("no", StringComparison.Ordinal)
            ? VinMarket.Unspecified
            : VinMarket.NorthAmerica;

        var decoding = _decoder.Decode(testCase.Vin, market);

        decoding.Normalized.ShouldBe(testCase.Vin.Trim().ToUpperInvariant());
        AssertExpectedResult(testCase, decoding);
        AssertDecodedColumns(testCase, decoding);
    }

    /// <summary>
    /// Without a market, the North American rules block only VINs whose first character is 1-5.
    /// Every other row may fail only on its length or characters, and keeps its check-digit outcome.
    /// </summary>
    [Theory]
    [MemberData(nameof(VinTestCaseFile.CaseIds), MemberType = typeof(VinTestCaseFile))]
    public void Decode_ReferenceCaseWithoutMarket_BlocksByWmi(string caseId)
    {
        var testCase = VinTestCaseFile.Get(caseId);

        var strict = _decoder.Decode(testCase.Vin, VinMarket.NorthAmerica);
        var byWmi = _decoder.Decode(testCase.Vin);

        var isNorthAmericanWmi = byWmi.Normalized.Length > 0 && byWmi.Normalized[0] is >= '1' and <= '5';
        byWmi.CheckDigitRequired.ShouldBe(isNorthAmericanWmi);
        byWmi.CheckDigit.ShouldBe(strict.CheckDigit);
        byWmi.ModelYear.ShouldBe(strict.ModelYear);
        if (isNorthAmericanWmi)
        {
            byWmi.ShouldBe(strict);
        }
        else if (strict.Problem is VinProblem.InvalidCheckDigit or VinProblem.InvalidModelYearCode)
        {
            byWmi.Problem.ShouldBe(VinProblem.None);
        }
        else
        {
            byWmi.Problem.ShouldBe(strict.Problem);
        }
    }

    private static void AssertExpectedResult(VinTestCase testCase, VinDecoding decoding)
    {
        switch (testCase.ExpectedResult)
        {
            case "VALID":
            case "VALID_AFTER_NORMALIZATION":
                decoding.Problem.ShouldBe(VinProblem.None);
                decoding.IsAcceptable.ShouldBeTrue();
                decoding.CheckDigit.ShouldBe(VinCheckDigitState.Passed);
                break;
            case "VALID_STRUCTURE_CHECK_DIGIT_NOT_REQUIRED":
                decoding.Problem.ShouldBe(VinProblem.None);
                decoding.IsAcceptable.ShouldBeTrue();
                decoding.CheckDigitRequired.ShouldBeFalse();
                break;
            case "INVALID_CHECK_DIGIT":
            case "INVALID_CHECK_DIGIT_KNOWN_EXCEPTION":
                // Known exceptions are real vehicles, but the strict rule rejects them like any other mismatch.
                decoding.Problem.ShouldBe(VinProblem.InvalidCheckDigit);
                decoding.IsAcceptable.ShouldBeFalse();
                decoding.CheckDigit.ShouldBe(VinCheckDigitState.Failed);
                break;
            case "INVALID_CHARACTER_IOQ":
                decoding.Problem.ShouldBe(VinProblem.InvalidCharacterIoq);
                decoding.CheckDigit.ShouldBe(VinCheckDigitState.NotChecked);
                break;
            case "INVALID_CHARACTER":
                decoding.Problem.ShouldBe(VinProblem.InvalidCharacter);
                decoding.CheckDigit.ShouldBe(VinCheckDigitState.NotChecked);
                break;
            case "INVALID_LENGTH":
                // An empty VIN is reported as Missing, every other wrong length as InvalidLength.
                var expected = testCase.Vin.Trim().Length == 0 ? VinProblem.Missing : VinProblem.InvalidLength;
                decoding.Problem.ShouldBe(expected);
                decoding.CheckDigitActual.ShouldBeNull();
                decoding.Wmi.ShouldBeNull();
                break;
            case "INVALID_MODEL_YEAR_CODE":
                decoding.Problem.ShouldBe(VinProblem.InvalidModelYearCode);
                decoding.ModelYear.ShouldBeNull();
                break;
            default:
                throw new InvalidOperationException(
                    $"Case {testCase.CaseId} has expected_result '{testCase.ExpectedResult}', which this test does not map.");
        }

        if (testCase.ExpectedResult.StartsWith("INVALID", StringComparison.Ordinal))
        {
            decoding.IsAcceptable.ShouldBeFalse();
        }
    }

    private static void AssertDecodedColumns(VinTestCase testCase, VinDecoding decoding)
    {
        if (testCase.CheckDigitActual.Length > 0)
        {
            decoding.CheckDigitActual.ShouldBe(testCase.CheckDigitActual[0]);
        }

        if (testCase.CheckDigitComputed.Length > 0)
        {
            decoding.CheckDigitComputed.ShouldBe(testCase.CheckDigitComputed[0]);
        }
        else
        {
            decoding.CheckDigitComputed.ShouldBeNull();
        }

        if (testCase.CheckDigitRequired.Length > 0)
        {
            decoding.CheckDigitRequired.ShouldBe(testCase.CheckDigitRequired == "yes");
        }

        if (testCase.ModelYear.Length > 0)
        {
            decoding.ModelYear.ShouldBe(int.Parse(testCase.ModelYear, System.Globalization.CultureInfo.InvariantCulture));
        }

        if (testCase.Wmi.Length > 0)
        {
            decoding.Wmi.ShouldBe(testCase.Wmi);

            // The file looks each WMI up in the same vPIC table, so a blank manufacturer means the table lacks it.
            var expectedManufacturer = testCase.WmiManufacturerVpic.Length > 0 ? testCase.WmiManufacturerVpic : null;
            decoding.Manufacturer.ShouldBe(expectedManufacturer);
        }

        if (testCase.WmiCountryVpic.Length > 0)
        {
            // vPIC writes "UNITED STATES (USA)", which the decoder returns as "United States".
            decoding.Country.ShouldNotBeNull();
            testCase.WmiCountryVpic.ShouldStartWith(decoding.Country, Case.Insensitive);
        }
    }

    // Normalization and structure ---------------------------------------------------------------------------

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \t\r\n ")]
    public void Decode_NullOrBlank_ReturnsMissing(string? input)
    {
        var decoding = _decoder.Decode(input);

        decoding.Problem.ShouldBe(VinProblem.Missing);
        decoding.Normalized.ShouldBe(string.Empty);
        decoding.CheckDigit.ShouldBe(VinCheckDigitState.NotChecked);
        decoding.Region.ShouldBeNull();
    }

    [Theory]
    [InlineData("1FTMW1T88MFA0000")]
    [InlineData("1FTMW1T88MFA000011")]
    [InlineData("1FTMW1T88-MFA00001")]
    public void Decode_WrongLength_ReturnsInvalidLengthWithoutDetails(string input)
    {
        var decoding = _decoder.Decode(input);

        decoding.Problem.ShouldBe(VinProblem.InvalidLength);
        decoding.CheckDigit.ShouldBe(VinCheckDigitState.NotChecked);
        decoding.CheckDigitActual.ShouldBeNull();
        decoding.CheckDigitComputed.ShouldBeNull();
        decoding.Wmi.ShouldBeNull();
        decoding.ModelYear.ShouldBeNull();
        decoding.Manufacturer.ShouldBeNull();
        decoding.Country.ShouldBeNull();
        decoding.Region.ShouldBeNull();
    }

    [Fact]
    public void Decode_PaddedLowerCase_NormalizesInput()
    {
        var decoding = _decoder.Decode(" \t1ftmw1t88mfa00001\n");

        decoding.Normalized.ShouldBe("1FTMW1T88MFA00001");
        decoding.IsAcceptable.ShouldBeTrue();
        decoding.CheckDigit.ShouldBe(VinCheckDigitState.Passed);
    }

    [Fact]
    public void Decode_AlreadyNormalized_ReusesInputString()
    {
        var input = "1FTMW1T88MFA00001";

        var decoding = _decoder.Decode(input);

        ReferenceEquals(decoding.Normalized, input).ShouldBeTrue();
    }

    [Theory]
    [InlineData("JTKéU4B40C1028652", "JTKÉU4B40C1028652")]
    [InlineData("JTK\u0661U4B40C1028652", "JTK\u0661U4B40C1028652")]
    [InlineData("JTK\uFF2BU4B40C1028652", "JTK\uFF2BU4B40C1028652")]
    public void Decode_NonAsciiCharacter_ReturnsInvalidCharacter(string input, string normalized)
    {
        var decoding = _decoder.Decode(input);

        decoding.Problem.ShouldBe(VinProblem.InvalidCharacter);
        decoding.Normalized.ShouldBe(normalized);
        decoding.CheckDigit.ShouldBe(VinCheckDigitState.NotChecked);
        decoding.CheckDigitActual.ShouldBe('0');
        decoding.CheckDigitComputed.ShouldBeNull();
        decoding.Manufacturer.ShouldBe("TOYOTA MOTOR NORTH AMERICA, INC");
    }

    [Fact]
    public void Decode_InvalidCharacterAndIoq_ReportsInvalidCharacter()
    {
        var decoding = _decoder.Decode("JTKKO*B40C1028652");

        decoding.Problem.ShouldBe(VinProblem.InvalidCharacter);
    }

    [Theory]
    [InlineData("5FNYF5H59IB011946")]
    [InlineData("5FNYF5H5OHB011946")]
    [InlineData("5FNYF5H59HB01194Q")]
    public void Decode_IoqCharacter_ReturnsInvalidCharacterIoq(string input)
    {
        var decoding = _decoder.Decode(input);

        decoding.Problem.ShouldBe(VinProblem.InvalidCharacterIoq);
        decoding.CheckDigit.ShouldBe(VinCheckDigitState.NotChecked);
        decoding.Wmi.ShouldBe("5FN");
    }

    // Check digit ----------------------------------------------------------------------------------------------

    [Fact]
    public void Decode_RegulationExample_DecodesFully()
    {
        var decoding = _decoder.Decode("1G4AH59H45G118341");

        decoding.IsAcceptable.ShouldBeTrue();
        decoding.CheckDigitRequired.ShouldBeTrue();
        decoding.CheckDigit.ShouldBe(VinCheckDigitState.Passed);
        decoding.CheckDigitActual.ShouldBe('4');
        decoding.CheckDigitComputed.ShouldBe('4');
        decoding.Wmi.ShouldBe("1G4");
        decoding.ModelYear.ShouldBe(2005);
        decoding.Manufacturer.ShouldBe("GENERAL MOTORS LLC");
        decoding.Country.ShouldBe("United States");
        decoding.Region.ShouldBe(VinRegion.NorthAmerica);
    }

    [Fact]
    public void Decode_CheckDigitX_Passes()
    {
        var decoding = _decoder.Decode("1M8GDM9AXKP042788");

        decoding.IsAcceptable.ShouldBeTrue();
        decoding.CheckDigitComputed.ShouldBe('X');
        decoding.CheckDigit.ShouldBe(VinCheckDigitState.Passed);
    }

    [Fact]
    public void Decode_NorthAmericanWmiWrongCheckDigit_IsBlocking()
    {
        var decoding = _decoder.Decode("1FTMW1T89MFA00001");

        decoding.Problem.ShouldBe(VinProblem.InvalidCheckDigit);
        decoding.CheckDigitRequired.ShouldBeTrue();
        decoding.CheckDigitActual.ShouldBe('9');
        decoding.CheckDigitComputed.ShouldBe('8');
        decoding.Manufacturer.ShouldBe("FORD MOTOR COMPANY");
    }

    [Fact]
    public void Decode_OtherWmiWrongCheckDigit_IsAdvisory()
    {
        var decoding = _decoder.Decode("JM3KE4BY1G0636881");

        decoding.IsAcceptable.ShouldBeTrue();
        decoding.CheckDigitRequired.ShouldBeFalse();
        decoding.CheckDigit.ShouldBe(VinCheckDigitState.Failed);
        decoding.CheckDigitComputed.ShouldBe('6');
        decoding.ModelYear.ShouldBe(2016);
    }

    [Fact]
    public void Decode_NorthAmericanMarketWrongCheckDigit_IsBlocking()
    {
        var decoding = _decoder.Decode("JM3KE4BY1G0636881", VinMarket.NorthAmerica);

        decoding.Problem.ShouldBe(VinProblem.InvalidCheckDigit);
        decoding.CheckDigitRequired.ShouldBeTrue();
    }

    // Model year -----------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("1FTMW1T850FA00001")]
    [InlineData("1FTMW1T88UFA00001")]
    [InlineData("1FTMW1T89ZFA00001")]
    public void Decode_NorthAmericanInvalidYearCode_IsBlocking(string input)
    {
        var decoding = _decoder.Decode(input);

        decoding.Problem.ShouldBe(VinProblem.InvalidModelYearCode);
        decoding.CheckDigit.ShouldBe(VinCheckDigitState.Passed);
        decoding.ModelYear.ShouldBeNull();
    }

    [Fact]
    public void Decode_InvalidYearCodeAndCheckDigit_ReportsYearCode()
    {
        var decoding = _decoder.Decode("1FTMW1T80ZFA00001");

        decoding.Problem.ShouldBe(VinProblem.InvalidModelYearCode);
        decoding.CheckDigit.ShouldBe(VinCheckDigitState.Failed);
    }

    [Fact]
    public void Decode_OtherWmiInvalidYearCode_HasNoYear()
    {
        var decoding = _decoder.Decode("JTMW53FV60D023016");

        decoding.IsAcceptable.ShouldBeTrue();
        decoding.ModelYear.ShouldBeNull();
        decoding.CheckDigit.ShouldBe(VinCheckDigitState.Passed);
    }

    [Theory]
    [InlineData(2025, 2000)]
    [InlineData(2028, 2000)]
    [InlineData(2029, 2030)]
    [InlineData(2031, 2030)]
    public void Decode_YearBeyondNextYear_UsesEarlierCycle(int currentYear, int expectedYear)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(currentYear, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var decoder = new VinDecoder(clock);

        var decoding = decoder.Decode("1FTMW1T80YFA00001");

        decoding.IsAcceptable.ShouldBeTrue();
        decoding.ModelYear.ShouldBe(expectedYear);
    }

    // WMI, manufacturer, country and region ----------------------------------------------------------------------

    [Fact]
    public void Decode_ListedSmallManufacturer_ReturnsSixCharacterWmi()
    {
        var decoding = _decoder.Decode("109AB12C2FA024123");

        decoding.IsAcceptable.ShouldBeTrue();
        decoding.Wmi.ShouldBe("109024");
        decoding.Manufacturer.ShouldBe("OTTAWA TRUCK CORPORATION");
        decoding.Country.ShouldBe("United States");
    }

    [Fact]
    public void Decode_SmallManufacturerWithLetters_ReturnsSixCharacterWmi()
    {
        var decoding = _decoder.Decode("SA9AB12C3FAA11123");

        decoding.CheckDigit.ShouldBe(VinCheckDigitState.Passed);
        decoding.Wmi.ShouldBe("SA9A11");
        decoding.Manufacturer.ShouldBe("MORGAN MOTOR COMPANY LIMITED");
        decoding.Country.ShouldBe("United Kingdom");
        decoding.Region.ShouldBe(VinRegion.Europe);
    }

    [Fact]
    public void Decode_UnlistedSmallManufacturer_ReturnsSixCharacterWmi()
    {
        var decoding = _decoder.Decode("1J9RP1A36A1644345");

        decoding.IsAcceptable.ShouldBeTrue();
        decoding.CheckDigitComputed.ShouldBe('6');
        decoding.Wmi.ShouldBe("1J9644");
        decoding.Manufacturer.ShouldBeNull();
        decoding.Country.ShouldBe("United States");
    }

    [Fact]
    public void Decode_UnknownWmiOutsideCountryTable_DecodesRegionOnly()
    {
        var decoding = _decoder.Decode("BC1AB12C1FA000000");

        decoding.IsAcceptable.ShouldBeTrue();
        decoding.Wmi.ShouldBe("BC1");
        decoding.Manufacturer.ShouldBeNull();
        decoding.Country.ShouldBeNull();
        decoding.Region.ShouldBe(VinRegion.Africa);
    }

    [Fact]
    public void Decode_UnknownWmiInCountryTable_ReturnsTableCountry()
    {
        var decoding = _decoder.Decode("TMBJJ7NE6H0000000");

        decoding.Wmi.ShouldBe("TMB");
        decoding.Manufacturer.ShouldBeNull();
        decoding.Country.ShouldBe("Czech Republic");
        decoding.Region.ShouldBe(VinRegion.Europe);
    }

    [Theory]
    [InlineData("JH4DC4340RS003205", "Japan")]
    [InlineData("SCFFDECNXCGG14038", "United Kingdom")]
    [InlineData("KM8JN72DX7U583688", "South Korea")]
    [InlineData("3VWSD29M41M067176", "Mexico")]
    public void Decode_VpicCountry_ReturnsTitleCase(string input, string country)
    {
        var decoding = _decoder.Decode(input);

        decoding.Country.ShouldBe(country);
    }

    [Fact]
    public void Decode_VpicWithoutCountry_FallsBackToCountryTable()
    {
        var decoding = _decoder.Decode("WBSPM9C52BE209978");

        decoding.Manufacturer.ShouldBe("BMW M GMBH");
        decoding.Country.ShouldBe("Germany");
    }

    [Fact]
    public void Decode_WmiListedTwice_UsesFirstRow()
    {
        var decoding = _decoder.Decode("2G5AB12C0FA000001");

        decoding.IsAcceptable.ShouldBeTrue();
        decoding.Manufacturer.ShouldBe("GENERAL MOTORS LLC");
        decoding.Country.ShouldBe("Canada");
    }

    [Theory]
    [InlineData('A', VinRegion.Africa)]
    [InlineData('H', VinRegion.Africa)]
    [InlineData('J', VinRegion.Asia)]
    [InlineData('P', VinRegion.Asia)]
    [InlineData('R', VinRegion.Asia)]
    [InlineData('S', VinRegion.Europe)]
    [InlineData('Z', VinRegion.Europe)]
    [InlineData('1', VinRegion.NorthAmerica)]
    [InlineData('5', VinRegion.NorthAmerica)]
    [InlineData('6', VinRegion.Oceania)]
    [InlineData('7', VinRegion.Oceania)]
    [InlineData('8', VinRegion.SouthAmerica)]
    [InlineData('9', VinRegion.SouthAmerica)]
    [InlineData('0', VinRegion.SouthAmerica)]
    public void Decode_FirstCharacter_ReturnsRegion(char first, VinRegion region)
    {
        var decoding = _decoder.Decode(first + "TMBJJ7NE6H000000");

        decoding.Region.ShouldBe(region);
    }

    [Theory]
    [InlineData('I')]
    [InlineData('O')]
    [InlineData('Q')]
    [InlineData('*')]
    public void Decode_FirstCharacterNotAllowed_ReturnsNoRegion(char first)
    {
        var decoding = _decoder.Decode(first + "TMBJJ7NE6H000000");

        decoding.Region.ShouldBeNull();
        decoding.Wmi.ShouldBeNull();
        decoding.IsAcceptable.ShouldBeFalse();
    }

    [Fact]
    public void Default_Decode_DecodesVin()
    {
        var decoding = VinDecoder.Default.Decode("1FTMW1T88MFA00001");

        decoding.IsAcceptable.ShouldBeTrue();
        decoding.ModelYear.ShouldBe(2021);
    }
}
