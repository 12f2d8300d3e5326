namespace AutoTracker.Vehicles.Vins;

public class VinCheckDigitTests
{
    [Theory]
    [InlineData('A', 1)]
    [InlineData('B', 2)]
    [InlineData('C', 3)]
    [InlineData('D', 4)]
    [InlineData('E', 5)]
    [InlineData('F', 6)]
    [InlineData('G', 7)]
    [InlineData('H', 8)]
    [InlineData('J', 1)]
    [InlineData('K', 2)]
    [InlineData('L', 3)]
    [InlineData('M', 4)]
    [InlineData('N', 5)]
    [InlineData('P', 7)]
    [InlineData('R', 9)]
    [InlineData('S', 2)]
    [InlineData('T', 3)]
    [InlineData('U', 4)]
    [InlineData('V', 5)]
    [InlineData('W', 6)]
    [InlineData('X', 7)]
    [InlineData('Y', 8)]
    [InlineData('Z', 9)]
    public void TryTransliterate_Letter_ReturnsTableValue(char letter, int expected)
    {
        VinCheckDigit.TryTransliterate(letter, out var value).ShouldBeTrue();

        value.ShouldBe(expected);
    }

    [Fact]
    public void TryTransliterate_Digit_ReturnsOwnValue()
    {
        for (var digit = '0'; digit <= '9'; digit++)
        {
            VinCheckDigit.TryTransliterate(digit, out var value).ShouldBeTrue();
            value.ShouldBe(digit - '0');
        }
    }

    [Theory]
    [InlineData('I')]
    [InlineData('O')]
    [InlineData('Q')]
    [InlineData('a')]
    [InlineData('z')]
    [InlineData('É')]
    [InlineData('\uFF21')] // full-width A
    [InlineData('\u0663')] // Arabic-Indic digit three
    [InlineData('-')]
    [InlineData('*')]
    [InlineData(' ')]
    public void TryTransliterate_NotAllowed_ReturnsFalse(char character)
    {
        VinCheckDigit.TryTransliterate(character, out var value).ShouldBeFalse();

        value.ShouldBe(0);
    }

    [Fact]
    public void TryComputeWeightedSum_RegulationExample_Returns411()
    {
        // 49 CFR 565.15(c), Table V: weighted sum 411, 411 mod 11 = 4.
        VinCheckDigit.TryComputeWeightedSum("1G4AH59H45G118341", out var sum).ShouldBeTrue();

        sum.ShouldBe(411);
    }

    [Fact]
    public void TryComputeWeightedSum_SmallManufacturerVin_Returns314()
    {
        // 314 mod 11 = 6, the digit in position 9.
        VinCheckDigit.TryComputeWeightedSum("1J9RP1A36A1644345", out var sum).ShouldBeTrue();

        sum.ShouldBe(314);
    }

    [Theory]
    [InlineData("1G4AH59H45G118341", '4')]
    [InlineData("1J9RP1A36A1644345", '6')]
    [InlineData("1FTMW1T88MFA00001", '8')]
    [InlineData("1FTMW1T80YFA00001", '0')]
    public void TryCompute_RealVin_ReturnsPosition9(string vin, char expected)
    {
        VinCheckDigit.TryCompute(vin, out var checkDigit).ShouldBeTrue();

        checkDigit.ShouldBe(expected);
    }

    [Fact]
    public void TryCompute_Remainder10_ReturnsX()
    {
        const string vin = "1M8GDM9AXKP042788";

        VinCheckDigit.TryComputeWeightedSum(vin, out var sum).ShouldBeTrue();
        VinCheckDigit.TryCompute(vin, out var checkDigit).ShouldBeTrue();

        (sum % 11).ShouldBe(10);
        checkDigit.ShouldBe('X');
    }

    [Theory]
    [InlineData('0')]
    [InlineData('X')]
    [InlineData('I')]
    [InlineData('*')]
    public void TryCompute_AnyPosition9_IsIgnored(char position9)
    {
        var vin = "1G4AH59H" + position9 + "5G118341";

        VinCheckDigit.TryCompute(vin, out var checkDigit).ShouldBeTrue();

        checkDigit.ShouldBe('4');
    }

    [Theory]
    [InlineData("")]
    [InlineData("1G4AH59H45G11834")]
    [InlineData("1G4AH59H45G1183410")]
    [InlineData("1G4AH59H45G11834O")]
    [InlineData("1g4AH59H45G118341")]
    [InlineData("1G4-H59H45G118341")]
    public void TryCompute_NotSeventeenVinCharacters_ReturnsFalse(string vin)
    {
        VinCheckDigit.TryComputeWeightedSum(vin, out var sum).ShouldBeFalse();
        VinCheckDigit.TryCompute(vin, out var checkDigit).ShouldBeFalse();

        sum.ShouldBe(0);
        checkDigit.ShouldBe(default);
    }
}
