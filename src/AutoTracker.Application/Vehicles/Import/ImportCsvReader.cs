using CsvHelper;

namespace AutoTracker.Vehicles.Import;

/// <summary>One record of an import file, numbered as a spreadsheet numbers its rows (the first line is row 1).</summary>
internal sealed record CsvImportRow(int Number, string[] Fields);

/// <summary>The header and records of an import file, or the error that stopped reading it.</summary>
internal sealed record CsvImportFile(CsvImportRow? Header, IReadOnlyList<CsvImportRow> Records, ImportErrorDto? Error);

/// <summary>
/// Splits an import file into records with CsvHelper, as plain text only: no value is evaluated, converted or
/// used to pick a type, whatever it contains.
/// </summary>
internal static class ImportCsvReader
{
    private const int CancellationCheckInterval = 256;

    /// <summary>
    /// Reads the first non-blank record as the header and the rest as data records. Blank lines are skipped but
    /// keep their row number, and a quoted field that spans several lines still makes one row. Reading stops
    /// with an error at the first malformed record, or when the file contains more than
    /// <paramref name="maxRecords"/> data records.
    /// </summary>
    public static CsvImportFile Read(string content, int maxRecords, CancellationToken cancellationToken)
    {
        var options = new CsvReaderOptions
        {
            // The separator is fixed, so neither a "sep=" first line nor the detector can change how a file splits.
            Separator = ',',
            DetectSeparatorHint = false,

            // The header is read as a record, so that RowNumber is the spreadsheet row of every record.
            HasHeader = false,

            // Blank lines come back as records, because a spreadsheet shows them as rows and counts them.
            SkipEmptyLines = false,
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
        };

        CsvImportRow? header = null;
        var records = new List<CsvImportRow>();
        using var reader = CsvReader.FromText(content, options);
        try
        {
            while (reader.Read())
            {
                var number = (int)reader.RowNumber;
                if (number % CancellationCheckInterval == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var fields = new string[reader.FieldCount];
                for (var i = 0; i < fields.Length; i++)
                {
                    fields[i] = reader.GetString(i);
                }

                if (fields.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                if (header is null)
                {
                    header = new CsvImportRow(number, fields);
                    continue;
                }

                if (records.Count == maxRecords)
                {
                    var tooMany = new ImportErrorDto(
                        number,
                        string.Empty,
                        $"The file has more than {maxRecords} records; split it into files of at most {maxRecords} records each.");
                    return new CsvImportFile(header, records, tooMany);
                }

                records.Add(new CsvImportRow(number, fields));
            }
        }
        catch (CsvFormatException ex)
        {
            var malformed = new ImportErrorDto(
                (int)ex.RecordNumber,
                string.Empty,
                $"The row is not valid CSV ({ex.Message}). A quoted field must end with a quote, and a quote inside it is written twice (\"\").");
            return new CsvImportFile(header, records, malformed);
        }

        if (header is null)
        {
            return new CsvImportFile(null, records, new ImportErrorDto(0, string.Empty, "The file is empty; its first row must be the header."));
        }

        return new CsvImportFile(header, records, null);
    }
}
