using CsvHelper;

namespace AutoTracker.Vehicles.Vins;

/// <summary>One row of Data/vin_test_cases.csv, where a blank column is an empty string. Data/SOURCES.md describes the columns.</summary>
public sealed record VinTestCase(
    string CaseId,
    string Vin,
    string ExpectedResult,
    string CheckDigitActual,
    string CheckDigitComputed,
    string CheckDigitRequired,
    string Wmi,
    string ModelYear,
    string WmiManufacturerVpic,
    string WmiCountryVpic,
    string Notes);

/// <summary>Reference VINs with their expected validation results, loaded once from the copy in the test output folder.</summary>
public static class VinTestCaseFile
{
    public const string RelativePath = "Vehicles/Vins/Data/vin_test_cases.csv";

    private static readonly Lazy<IReadOnlyList<VinTestCase>> LazyCases = new(Load);

    public static IReadOnlyList<VinTestCase> Cases => LazyCases.Value;

    /// <summary>Case ids for theories. Ids rather than rows keep each row a separate test in the runner.</summary>
    public static TheoryData<string> CaseIds
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var testCase in Cases)
            {
                data.Add(testCase.CaseId);
            }

            return data;
        }
    }

    public static VinTestCase Get(string caseId) =>
        Cases.SingleOrDefault(testCase => testCase.CaseId == caseId)
        ?? throw new KeyNotFoundException($"Case '{caseId}' is not in {RelativePath}.");

    private static List<VinTestCase> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, RelativePath);
        var options = new CsvReaderOptions
        {
            Separator = ',',
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Throw,
        };
        using var csv = CsvReader.FromFile(path, options);

        var cases = new List<VinTestCase>();
        while (csv.Read())
        {
            cases.Add(new VinTestCase(
                CaseId: Field(csv, "case_id"),
                Vin: Field(csv, "vin"),
                ExpectedResult: Field(csv, "expected_result"),
                CheckDigitActual: Field(csv, "check_digit_actual"),
                CheckDigitComputed: Field(csv, "check_digit_computed"),
                CheckDigitRequired: Field(csv, "check_digit_required"),
                Wmi: Field(csv, "wmi"),
                ModelYear: Field(csv, "model_year"),
                WmiManufacturerVpic: Field(csv, "wmi_manufacturer_vpic"),
                WmiCountryVpic: Field(csv, "wmi_country_vpic"),
                Notes: Field(csv, "notes")));
        }

        return cases;
    }

    // Fields are not trimmed, because a VIN may be padded on purpose.
    private static string Field(CsvReader csv, string column) => csv.GetString(column);
}
