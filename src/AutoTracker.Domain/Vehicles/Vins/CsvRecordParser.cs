using System.Text;

namespace AutoTracker.Vehicles.Vins;

/// <summary>
/// Minimal RFC 4180 reader for the embedded reference tables. A quoted field may contain commas,
/// line breaks and doubled quotes. CRLF and LF both end a record, and blank lines are skipped.
/// </summary>
internal static class CsvRecordParser
{
    /// <summary>Reads every record, the header included, as an array of field values.</summary>
    /// <exception cref="InvalidDataException">The text ends inside a quoted field.</exception>
    public static List<string[]> ReadAll(TextReader reader)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;

        int next;
        while ((next = reader.Read()) != -1)
        {
            var character = (char)next;
            if (inQuotes)
            {
                if (character != '"')
                {
                    field.Append(character);
                }
                else if (reader.Peek() == '"')
                {
                    reader.Read();
                    field.Append('"');
                }
                else
                {
                    inQuotes = false;
                }

                continue;
            }

            switch (character)
            {
                case '"':
                    inQuotes = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    // The LF that follows ends the record.
                    break;
                case '\n':
                    EndRecord(records, fields, field);
                    break;
                default:
                    field.Append(character);
                    break;
            }
        }

        if (inQuotes)
        {
            throw new InvalidDataException(
                $"The CSV text ends inside a quoted field after {records.Count} complete records; add the closing quote.");
        }

        if (fields.Count > 0 || field.Length > 0)
        {
            EndRecord(records, fields, field);
        }

        return records;
    }

    private static void EndRecord(List<string[]> records, List<string> fields, StringBuilder field)
    {
        fields.Add(field.ToString());
        field.Clear();

        var isBlankLine = fields.Count == 1 && fields[0].Length == 0;
        if (!isBlankLine)
        {
            records.Add(fields.ToArray());
        }

        fields.Clear();
    }
}
