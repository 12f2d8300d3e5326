namespace AutoTracker.TenantManagement;

public sealed class TenantNameTests
{
    [Theory]
    [InlineData("demo", "DEMO")]
    [InlineData(" Fleet-7 ", "FLEET-7")]
    [InlineData("ho\u017Ft", "HO\u017FT")]
    [InlineData("\u00FCmlaut", "\u00FCMLAUT")]
    [InlineData("d\u0131mo", "D\u0131MO")]
    public void NormalizeName_UpperCasesAsciiOnly(string name, string expected) =>
        Tenant.NormalizeName(name).ShouldBe(expected);
}
