namespace AutoTracker.Vehicles.Import;

/// <summary>
/// Collects the errors of one import. Only the first <see cref="MaxListed"/> are kept, so a file that is wrong on
/// every row cannot produce a response of a million lines, but <see cref="Count"/> counts all of them.
/// </summary>
internal sealed class ImportErrorSink
{
    public const int MaxListed = 1000;

    private readonly List<ImportErrorDto> _listed = [];

    public int Count { get; private set; }

    public void Add(int row, string column, string message) => Add(new ImportErrorDto(row, column, message));

    public void Add(ImportErrorDto error)
    {
        Count++;
        if (_listed.Count < MaxListed)
        {
            _listed.Add(error);
        }
    }

    /// <summary>Returns the kept errors in row order, followed by a note on how many were left out.</summary>
    public IReadOnlyList<ImportErrorDto> ToList()
    {
        var sorted = _listed.OrderBy(e => e.Row).ToList();
        if (Count > _listed.Count)
        {
            sorted.Add(new ImportErrorDto(0, string.Empty, $"{Count - _listed.Count} more errors are not listed; fix the ones above and upload the file again."));
        }

        return sorted;
    }
}
