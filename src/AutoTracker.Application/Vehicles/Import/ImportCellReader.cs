using System.Globalization;
using AutoTracker.Application;

namespace AutoTracker.Vehicles.Import;

/// <summary>
/// Reads the cells of one record as typed values. Every problem becomes an error naming the row and the column
/// as the file names it; a reader whose <see cref="HasErrors"/> is set has produced no usable record.
/// Numbers use the invariant culture: a dot before decimals and no thousands separators.
/// </summary>
internal sealed class ImportCellReader(CsvImportRow record, ColumnMap map, ImportErrorSink errors)
{
    private const NumberStyles NumberStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    private int _errorCount;

    public int Row => record.Number;

    public bool HasErrors => _errorCount > 0;

    /// <summary>Number of errors this record has so far, to tell whether one step added any.</summary>
    public int ErrorCount => _errorCount;

    public bool Has(ImportColumn column) => map.Has(column);

    public string ColumnName(ImportColumn column) => map.NameOf(column);

    public void AddError(ImportColumn column, string message) => AddError(map.NameOf(column), message);

    public void AddError(string columnName, string message)
    {
        _errorCount++;
        errors.Add(record.Number, columnName, message);
    }

    /// <summary>Returns the trimmed cell, or null when the file has no such column or the cell is blank.</summary>
    public string? Raw(ImportColumn column)
    {
        if (map.IndexOf(column) is not { } index || index >= record.Fields.Length)
        {
            return null;
        }

        var value = record.Fields[index].Trim();
        return value.Length == 0 ? null : value;
    }

    /// <summary>Adds an error for each non-blank field past the header's last column.</summary>
    public void RejectExtraFields()
    {
        for (var i = map.Width; i < record.Fields.Length; i++)
        {
            if (!string.IsNullOrWhiteSpace(record.Fields[i]))
            {
                AddError(map.NameAt(i), $"The row has {record.Fields.Length} fields but the header has {map.Width} columns; quote any value that contains a comma.");
                return;
            }
        }
    }

    /// <summary>
    /// Returns the text with its line breaks as LF, or null when blank. Line breaks and tabs are allowed only when
    /// <paramref name="multiLine"/> is set; other characters that <see cref="TextCharacters"/> rejects never are.
    /// </summary>
    public string? Text(ImportColumn column, int maxLength, bool required = false, bool multiLine = false)
    {
        var value = Raw(column)?.ReplaceLineEndings("\n");
        if (value is null)
        {
            if (required)
            {
                AddMissing(column);
            }

            return null;
        }

        if (value.Length > maxLength)
        {
            AddError(column, $"The text has {value.Length} characters; at most {maxLength} are allowed.");
            return null;
        }

        if (TextCharacters.FindProblem(value, multiLine, map.NameOf(column)) is { } problem)
        {
            AddError(column, problem);
            return null;
        }

        return value;
    }

    public DateOnly? Date(ImportColumn column, string format, bool required = true)
    {
        var text = Raw(column);
        if (text is null)
        {
            if (required)
            {
                AddMissing(column);
            }

            return null;
        }

        if (!DateOnly.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var example = new DateOnly(2020, 5, 30).ToString(format, CultureInfo.InvariantCulture);
            AddError(column, $"'{text}' is not a date in {format} format, such as {example}.");
            return null;
        }

        return date;
    }

    /// <summary>
    /// Adds an error when <paramref name="date"/> is outside the range <see cref="RecordDateRange"/> allows, for a
    /// service record of <paramref name="serviceStatus"/> or, when that is null, for a fuel entry. The message
    /// writes dates in <paramref name="format"/>. A null date already has its error.
    /// </summary>
    public void CheckRecordDate(ImportColumn column, DateOnly? date, string format, DateOnly today, ServiceRecordStatus? serviceStatus = null)
    {
        if (date is not { } value)
        {
            return;
        }

        var problem = serviceStatus is { } status
            ? RecordDateRange.CheckServiceDate(value, today, status, map.NameOf(column), format)
            : RecordDateRange.Check(value, today, plannedService: false, map.NameOf(column), format);
        if (problem is not null)
        {
            AddError(column, problem);
        }
    }

    public double? Number(ImportColumn column, double min, double max, bool required = false)
    {
        var text = Raw(column);
        if (text is null)
        {
            if (required)
            {
                AddMissing(column);
            }

            return null;
        }

        if (!double.TryParse(text, NumberStyle, CultureInfo.InvariantCulture, out var value))
        {
            AddNotANumber(column, text);
            return null;
        }

        if (value < min || value > max)
        {
            AddOutOfRange(column, text, min.ToString(CultureInfo.InvariantCulture), max.ToString(CultureInfo.InvariantCulture));
            return null;
        }

        return value;
    }

    public int? Integer(ImportColumn column, int min, int max)
    {
        var text = Raw(column);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            AddError(column, $"'{text}' is not a whole number.");
            return null;
        }

        if (value < min || value > max)
        {
            AddOutOfRange(column, text, min.ToString(CultureInfo.InvariantCulture), max.ToString(CultureInfo.InvariantCulture));
            return null;
        }

        return value;
    }

    /// <summary>Reads an amount of money, zero or more, with at most <paramref name="maxDecimals"/> decimal places.</summary>
    public decimal? Money(ImportColumn column, decimal max, int maxDecimals)
    {
        var text = Raw(column);
        if (text is null)
        {
            return null;
        }

        if (!decimal.TryParse(text, NumberStyle, CultureInfo.InvariantCulture, out var value))
        {
            AddNotANumber(column, text);
            return null;
        }

        if (value < 0 || value > max)
        {
            AddOutOfRange(column, text, "0", max.ToString(CultureInfo.InvariantCulture));
            return null;
        }

        if (value != Math.Round(value, maxDecimals))
        {
            AddError(column, $"'{text}' has more than {maxDecimals} decimal places.");
            return null;
        }

        return value;
    }

    /// <summary>Reads true or false, ignoring case; returns <paramref name="whenBlank"/> for a blank cell or a missing column.</summary>
    public bool Boolean(ImportColumn column, bool whenBlank)
    {
        var text = Raw(column);
        if (text is null)
        {
            return whenBlank;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        AddError(column, $"'{text}' is not a boolean; write true or false.");
        return whenBlank;
    }

    /// <summary>
    /// Reads an enum member by its name, ignoring case; returns <paramref name="whenBlank"/> for a blank cell or a
    /// missing column. Numbers are rejected, so a file cannot name a member by its stored value.
    /// </summary>
    public TEnum Enum<TEnum>(ImportColumn column, TEnum whenBlank)
        where TEnum : struct, Enum
    {
        var text = Raw(column);
        if (text is null)
        {
            return whenBlank;
        }

        var isName = char.IsLetter(text[0]) && text.All(char.IsLetterOrDigit);
        if (isName && System.Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value))
        {
            return value;
        }

        AddError(column, $"'{text}' is not a valid {map.NameOf(column)}; write one of {string.Join(", ", System.Enum.GetNames<TEnum>())}.");
        return whenBlank;
    }

    private void AddMissing(ImportColumn column) => AddError(column, $"The {map.NameOf(column)} is missing; every row needs one.");

    private void AddNotANumber(ImportColumn column, string text) =>
        AddError(column, $"'{text}' is not a number; write digits with a dot before any decimals and no thousands separators, such as 1234.5.");

    private void AddOutOfRange(ImportColumn column, string text, string min, string max) =>
        AddError(column, $"{text} is out of range; the {map.NameOf(column)} must be from {min} to {max}.");
}
