namespace AutoTracker.Vehicles.Import;

/// <summary>Builds a record's notes from its notes cell and labelled values that have no field of their own, such as tags.</summary>
internal static class ImportNotes
{
    /// <summary>
    /// Returns the notes followed by one "Label: value" line for each non-blank extra, or null when all are blank.
    /// Adds an error on the notes column when the result is longer than a record's notes may be.
    /// </summary>
    public static string? Combine(ImportCellReader cells, ImportColumn notesColumn, string? notes, params (string Label, string? Value)[] extras)
    {
        var lines = new List<string>();
        if (notes is not null)
        {
            lines.Add(notes);
        }

        lines.AddRange(extras.Where(e => !string.IsNullOrWhiteSpace(e.Value)).Select(e => $"{e.Label}: {e.Value}"));
        if (lines.Count == 0)
        {
            return null;
        }

        var combined = string.Join('\n', lines);
        if (combined.Length > VehicleConsts.MaxNotesLength)
        {
            cells.AddError(notesColumn, $"The notes with the added {string.Join(" and ", extras.Select(e => e.Label))} have {combined.Length} characters; at most {VehicleConsts.MaxNotesLength} are allowed.");
            return null;
        }

        return combined;
    }
}
