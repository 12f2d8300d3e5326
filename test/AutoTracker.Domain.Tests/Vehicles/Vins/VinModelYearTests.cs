namespace AutoTracker.Vehicles.Vins;

public class VinModelYearTests
{
    // Late enough that no year of either cycle is in the future.
    private const int YearAfterBothCycles = 2040;

    [Theory]
    [InlineData('A', 1980, 2010)]
    [InlineData('B', 1981, 2011)]
    [InlineData('C', 1982, 2012)]
    [InlineData('D', 1983, 2013)]
    [InlineData('E', 1984, 2014)]
    [InlineData('F', 1985, 2015)]
    [InlineData('G', 1986, 2016)]
    [InlineData('H', 1987, 2017)]
    [InlineData('J', 1988, 2018)]
    [InlineData('K', 1989, 2019)]
    [InlineData('L', 1990, 2020)]
    [InlineData('M', 1991, 2021)]
    [InlineData('N', 1992, 2022)]
    [InlineData('P', 1993, 2023)]
    [InlineData('R', 1994, 2024)]
    [InlineData('S', 1995, 2025)]
    [InlineData('T', 1996, 2026)]
    [InlineData('V', 1997, 2027)]
    [InlineData('W', 1998, 2028)]
    [InlineData('X', 1999, 2029)]
    [InlineData('Y', 2000, 2030)]
    [InlineData('1', 2001, 2031)]
    [InlineData('2', 2002, 2032)]
    [InlineData('3', 2003, 2033)]
    [InlineData('4', 2004, 2034)]
    [InlineData('5', 2005, 2035)]
    [InlineData('6', 2006, 2036)]
    [InlineData('7', 2007, 2037)]
    [InlineData('8', 2008, 2038)]
    [InlineData('9', 2009, 2039)]
    public void Resolve_EveryCode_ReturnsBothCycles(char code, int earlierYear, int laterYear)
    {
        VinModelYear.IsYearCode(code).ShouldBeTrue();

        VinModelYear.Resolve(code, '5', YearAfterBothCycles).ShouldBe(earlierYear);
        VinModelYear.Resolve(code, 'T', YearAfterBothCycles).ShouldBe(laterYear);
    }

    [Fact]
    public void IsYearCode_AllCharacters_AcceptsExactlyThirty()
    {
        var codes = Enumerable.Range(0, 128).Select(value => (char)value).Where(VinModelYear.IsYearCode).ToList();

        codes.Count.ShouldBe(30);
        codes.ShouldNotContain('0');
        codes.ShouldNotContain('U');
        codes.ShouldNotContain('Z');
    }

    [Theory]
    [InlineData('0')]
    [InlineData('U')]
    [InlineData('Z')]
    [InlineData('I')]
    [InlineData('O')]
    [InlineData('Q')]
    [InlineData('a')]
    [InlineData('*')]
    public void Resolve_NotYearCode_ReturnsNull(char code)
    {
        VinModelYear.IsYearCode(code).ShouldBeFalse();

        VinModelYear.Resolve(code, 'T', 2025).ShouldBeNull();
    }

    [Theory]
    [InlineData('*')]
    [InlineData('t')]
    [InlineData(' ')]
    public void Resolve_Position7NotDigitOrLetter_ReturnsNull(char cycleCode)
    {
        VinModelYear.Resolve('M', cycleCode, 2025).ShouldBeNull();
    }

    [Theory]
    [InlineData('S', 2025, 2025)]
    [InlineData('T', 2025, 2026)]
    [InlineData('V', 2025, 1997)]
    [InlineData('Y', 2025, 2000)]
    [InlineData('9', 2025, 2009)]
    [InlineData('V', 2026, 2027)]
    [InlineData('9', 2038, 2039)]
    public void Resolve_LaterCycleInFuture_FallsBackUnlessNextYear(char code, int currentYear, int expected)
    {
        VinModelYear.Resolve(code, 'T', currentYear).ShouldBe(expected);
    }

    [Fact]
    public void Resolve_EarlierCycle_IgnoresCurrentYear()
    {
        VinModelYear.Resolve('Y', '1', 1990).ShouldBe(2000);
    }
}
