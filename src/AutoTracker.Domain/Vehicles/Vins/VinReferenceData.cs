using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace AutoTracker.Vehicles.Vins;

/// <summary>A manufacturer registered under one WMI in the NHTSA vPIC table.</summary>
/// <param name="Wmi">The 3-character WMI, or 6 characters for a small manufacturer.</param>
/// <param name="ManufacturerName">Registered name as vPIC writes it, for example "FORD MOTOR COMPANY".</param>
/// <param name="Country">Country of the registered manufacturer in the style of the ISO 3780 table, or null when vPIC gives none.</param>
/// <param name="CommonName">Short brand name vPIC gives the manufacturer, for example "Ford", or null when it gives none.</param>
internal sealed record WmiEntry(string Wmi, string ManufacturerName, string? Country, string? CommonName);

/// <summary>
/// WMI and country tables parsed from the CSV files embedded in this assembly (origin and licences in
/// Vehicles/Vins/Data/SOURCES.md). They are parsed once, on first use, and are read-only afterwards,
/// so one instance serves all threads.
/// </summary>
internal sealed class VinReferenceData
{
    private const string WmiResourceName = "AutoTracker.Vehicles.Vins.Data.wmi_nhtsa_vpic.csv";
    private const string CountryRangesResourceName = "AutoTracker.Vehicles.Vins.Data.vin_wmi_country_ranges.csv";

    /// <summary>Order of the second VIN character in which the country ranges run.</summary>
    private const string RangeCharacterOrder = "ABCDEFGHJKLMNPRSTUVWXYZ1234567890";

    private static readonly Lazy<VinReferenceData> LazyInstance = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, WmiEntry>.AlternateLookup<ReadOnlySpan<char>> _wmiLookup;
    private readonly Dictionary<int, string> _countriesByPrefix;

    private VinReferenceData(Dictionary<string, WmiEntry> wmis, Dictionary<int, string> countriesByPrefix)
    {
        _wmiLookup = wmis.GetAlternateLookup<ReadOnlySpan<char>>();
        _countriesByPrefix = countriesByPrefix;
    }

    /// <summary>The tables, parsed on first access.</summary>
    /// <exception cref="InvalidDataException">An embedded file is missing or malformed. The message names the file and record.</exception>
    public static VinReferenceData Instance => LazyInstance.Value;

    /// <summary>Finds a WMI (3 or 6 characters, upper case) without allocating a string for the key.</summary>
    public bool TryFindWmi(ReadOnlySpan<char> wmi, [MaybeNullWhen(false)] out WmiEntry entry) =>
        _wmiLookup.TryGetValue(wmi, out entry);

    /// <summary>Finds the ISO 3780 country assigned to the first two VIN characters, or null when none is.</summary>
    public string? FindCountry(char first, char second) =>
        _countriesByPrefix.GetValueOrDefault(PrefixKey(first, second));

    private static int PrefixKey(char first, char second) => (first << 16) | second;

    private static VinReferenceData Load()
    {
        var wmis = LoadWmis(ReadResource(WmiResourceName));
        var countries = LoadCountryRanges(ReadResource(CountryRangesResourceName));
        return new VinReferenceData(wmis, countries);
    }

    private static Dictionary<string, WmiEntry> LoadWmis(CsvTable table)
    {
        var wmiColumn = table.ColumnIndex("wmi");
        var lengthColumn = table.ColumnIndex("wmi_length");
        var nameColumn = table.ColumnIndex("manufacturer_name");
        var countryColumn = table.ColumnIndex("manufacturer_country");
        var commonNameColumn = table.ColumnIndex("common_name");

        var wmis = new Dictionary<string, WmiEntry>(StringComparer.Ordinal);
        for (var row = 0; row < table.Rows.Count; row++)
        {
            var wmi = table.Field(row, wmiColumn);
            var name = table.Field(row, nameColumn);
            var country = NormalizeVpicCountry(table.Field(row, countryColumn));
            var commonName = table.Field(row, commonNameColumn).Trim();

            var lengthText = table.Field(row, lengthColumn);
            var lengthMatches = int.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length)
                && length == wmi.Length;
            if (wmi.Length is not (3 or 6) || !lengthMatches || !IsVinText(wmi))
            {
                throw table.InvalidRow(row, $"WMI '{wmi}' must be 3 or 6 VIN characters and match wmi_length '{lengthText}'");
            }

            if (name.Length == 0)
            {
                throw table.InvalidRow(row, $"manufacturer_name is empty for WMI '{wmi}'");
            }

            // vPIC lists a WMI once per vehicle type. The first row wins, and a later row only fills a blank country.
            if (wmis.TryGetValue(wmi, out var earlier))
            {
                if (earlier.Country is null && country is not null)
                {
                    wmis[wmi] = earlier with { Country = country };
                }

                continue;
            }

            wmis.Add(wmi, new WmiEntry(wmi, name, country, commonName.Length == 0 ? null : commonName));
        }

        return wmis;
    }

    private static Dictionary<int, string> LoadCountryRanges(CsvTable table)
    {
        var firstColumn = table.ColumnIndex("first_char");
        var fromColumn = table.ColumnIndex("second_char_from");
        var toColumn = table.ColumnIndex("second_char_to");
        var countryColumn = table.ColumnIndex("country");

        var countries = new Dictionary<int, string>();
        for (var row = 0; row < table.Rows.Count; row++)
        {
            var first = table.Field(row, firstColumn);
            var from = table.Field(row, fromColumn);
            var to = table.Field(row, toColumn);
            var country = table.Field(row, countryColumn);

            var fromIndex = from.Length == 1 ? RangeCharacterOrder.IndexOf(from[0]) : -1;
            var toIndex = to.Length == 1 ? RangeCharacterOrder.IndexOf(to[0]) : -1;
            if (first.Length != 1 || !IsVinText(first) || fromIndex < 0 || toIndex < fromIndex || country.Length == 0)
            {
                throw table.InvalidRow(row, $"range '{first}{from}'-'{first}{to}' for '{country}' is not a valid VIN prefix range");
            }

            for (var index = fromIndex; index <= toIndex; index++)
            {
                if (!countries.TryAdd(PrefixKey(first[0], RangeCharacterOrder[index]), country))
                {
                    throw table.InvalidRow(row, $"prefix '{first}{RangeCharacterOrder[index]}' is already assigned by an earlier row");
                }
            }
        }

        return countries;
    }

    /// <summary>
    /// Rewrites a vPIC country such as "UNITED STATES (USA)" as "United States", the style of the ISO 3780 table,
    /// so that <see cref="VinDecoding.Country"/> reads the same whichever table supplied it.
    /// </summary>
    private static string? NormalizeVpicCountry(string country)
    {
        if (country.Length == 0)
        {
            return null;
        }

        var abbreviationStart = country.IndexOf(" (", StringComparison.Ordinal);
        var name = abbreviationStart > 0 && country.EndsWith(')') ? country[..abbreviationStart] : country;
        return CultureInfo.InvariantCulture.TextInfo.ToTitleCase(name.ToLowerInvariant());
    }

    private static bool IsVinText(string text)
    {
        foreach (var character in text)
        {
            if (!VinCheckDigit.TryTransliterate(character, out _))
            {
                return false;
            }
        }

        return true;
    }

    private static CsvTable ReadResource(string resourceName)
    {
        var assembly = typeof(VinReferenceData).Assembly;
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidDataException(
                $"Embedded resource '{resourceName}' was not found in {assembly.GetName().Name}; "
                + "check the EmbeddedResource items in AutoTracker.Domain.csproj.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return CsvTable.Create(resourceName, CsvRecordParser.ReadAll(reader));
    }

    /// <summary>Data rows of one CSV file, with column lookup by header name and errors that name the file and record.</summary>
    private sealed class CsvTable
    {
        private readonly string _name;
        private readonly string[] _header;

        private CsvTable(string name, string[] header, List<string[]> rows)
        {
            _name = name;
            _header = header;
            Rows = rows;
        }

        public List<string[]> Rows { get; }

        public static CsvTable Create(string name, List<string[]> records)
        {
            if (records.Count == 0)
            {
                throw new InvalidDataException($"Embedded resource '{name}' is empty; it needs a header row.");
            }

            return new CsvTable(name, records[0], records.GetRange(1, records.Count - 1));
        }

        public int ColumnIndex(string column)
        {
            var index = Array.IndexOf(_header, column);
            return index >= 0
                ? index
                : throw new InvalidDataException(
                    $"Embedded resource '{_name}' has no column '{column}'; the header is '{string.Join(',', _header)}'.");
        }

        /// <summary>Returns the trimmed field, or an empty string when the row is shorter than the header.</summary>
        public string Field(int row, int column)
        {
            var fields = Rows[row];
            return column < fields.Length ? fields[column].Trim() : string.Empty;
        }

        /// <summary>Creates the exception for a bad data row. Record numbers count the header as record 1.</summary>
        public InvalidDataException InvalidRow(int row, string problem) =>
            new($"Embedded resource '{_name}', record {row + 2}: {problem}.");
    }
}
