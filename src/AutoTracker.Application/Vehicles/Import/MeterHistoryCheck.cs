using System.Globalization;

namespace AutoTracker.Vehicles.Import;

/// <summary>A meter reading the vehicle already has.</summary>
internal sealed record StoredReading(DateOnly Date, double Value, bool IsReset);

/// <summary>A meter reading an import would add, with the row it comes from.</summary>
internal sealed record IncomingReading(int Row, DateOnly Date, double Value);

/// <summary>
/// Checks in memory that an import keeps the vehicle's meter history from going down, the rule that
/// <see cref="MeterReadingManager"/> applies to one reading at a time. New and stored readings are taken
/// together in date order. A file gives no time of day, so readings of the same day are taken lowest first.
/// A stored reading marked as a reset starts the history again.
/// </summary>
internal static class MeterHistoryCheck
{
    private sealed record TimelineEntry(DateOnly Date, double Value, bool IsReset, int? Row);

    public static void Check(
        IReadOnlyList<StoredReading> stored,
        IReadOnlyList<IncomingReading> incoming,
        MeterUnit unit,
        string column,
        ImportErrorSink errors)
    {
        var timeline = stored.Select(r => new TimelineEntry(r.Date, r.Value, r.IsReset, null))
            .Concat(incoming.Select(r => new TimelineEntry(r.Date, r.Value, false, r.Row)))
            .OrderBy(e => e.Date)
            .ThenBy(e => e.Value)
            .ToList();

        // The highest reading since the last reset; every later reading must be at least as high.
        TimelineEntry? highest = null;
        foreach (var entry in timeline)
        {
            if (highest is null || entry.IsReset || entry.Value >= highest.Value)
            {
                highest = entry;
                continue;
            }

            if (entry.Row is { } row)
            {
                // A new reading below the history: this row is wrong, and the history stays as it was.
                errors.Add(row, column, $"The meter value {Describe(entry, unit)} is lower than the previous reading {Describe(highest, unit)} {Source(highest)}; a meter reading may not go down.");
                continue;
            }

            if (highest.Row is { } highRow)
            {
                // A stored reading below a new one dated before it: the new one is too high.
                errors.Add(highRow, column, $"The meter value {Describe(highest, unit)} is higher than the reading {Describe(entry, unit)} the vehicle already has for a later date; a meter reading may not go down.");
            }

            // Either way the stored reading is the history from here on.
            highest = entry;
        }
    }

    private static string Describe(TimelineEntry entry, MeterUnit unit) =>
        $"{MeterConversion.Format(entry.Value, unit)} on {entry.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    private static string Source(TimelineEntry entry) => entry.Row is { } row ? $"in row {row}" : "that the vehicle already has";
}
