namespace AutoTracker.Vehicles.Import;

/// <summary>A column of an import layout: its name, the other header names accepted for it, and whether a file must have it.</summary>
internal sealed class ImportColumn(string name, bool required = false, params string[] aliases)
{
    public string Name { get; } = name;

    public bool Required { get; } = required;

    public IReadOnlyList<string> Aliases { get; } = aliases;

    public bool Matches(string header) =>
        string.Equals(header, Name, StringComparison.OrdinalIgnoreCase)
        || Aliases.Any(alias => string.Equals(header, alias, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// The columns of one format and record kind. A header-based layout finds its columns by header name, ignoring
/// case; a positional layout (Fuelly) reads column i of every row as <see cref="Columns"/>[i] and skips the header.
/// </summary>
internal sealed class ImportLayout(string title, bool byPosition, IReadOnlyList<ImportColumn> columns)
{
    /// <summary>Name of the layout in messages, such as "LubeLogger fuel".</summary>
    public string Title { get; } = title;

    public bool ByPosition { get; } = byPosition;

    public IReadOnlyList<ImportColumn> Columns { get; } = columns;

    /// <summary>Header names accepted and not read, such as the ids in a LubeLogger export.</summary>
    public IReadOnlyList<string> IgnoredColumns { get; init; } = [];

    /// <summary>A header prefix whose columns are accepted and not read, such as LubeLogger's "extrafield_".</summary>
    public string? IgnoredPrefix { get; init; }

    /// <summary>Sets of columns of which a file must have at least one, such as a price or a total cost.</summary>
    public IReadOnlyList<IReadOnlyList<ImportColumn>> RequiredOneOf { get; init; } = [];
}

/// <summary>Where each column of a layout sits in one file, and the name to show for it in errors.</summary>
internal sealed class ColumnMap
{
    private readonly Dictionary<ImportColumn, int> _indexes;
    private readonly string[] _headerNames;

    private ColumnMap(Dictionary<ImportColumn, int> indexes, string[] headerNames)
    {
        _indexes = indexes;
        _headerNames = headerNames;
    }

    /// <summary>Number of columns the header names; a record may have trailing empty fields beyond it.</summary>
    public int Width => _headerNames.Length;

    public bool Has(ImportColumn column) => _indexes.ContainsKey(column);

    public int? IndexOf(ImportColumn column) => _indexes.TryGetValue(column, out var index) ? index : null;

    /// <summary>Returns the header text of the column as the file spells it, or the layout's name when the file lacks it.</summary>
    public string NameOf(ImportColumn column) => _indexes.TryGetValue(column, out var index) ? _headerNames[index] : column.Name;

    /// <summary>Returns the name of the column at <paramref name="index"/>, or its 1-based position past the header.</summary>
    public string NameAt(int index) => index < _headerNames.Length ? _headerNames[index] : $"column {index + 1}";

    public static ColumnMap ForPositions(ImportLayout layout)
    {
        var indexes = new Dictionary<ImportColumn, int>();
        for (var i = 0; i < layout.Columns.Count; i++)
        {
            indexes[layout.Columns[i]] = i;
        }

        return new ColumnMap(indexes, layout.Columns.Select(c => c.Name).ToArray());
    }

    /// <summary>
    /// Matches the header to the layout, adding an error on row <paramref name="header"/> for every unknown,
    /// repeated or unnamed column, and one for each required column the header lacks.
    /// </summary>
    public static ColumnMap ForHeader(CsvImportRow header, ImportLayout layout, ImportErrorSink errors)
    {
        var names = header.Fields.Select(f => f.Trim()).ToArray();
        var indexes = new Dictionary<ImportColumn, int>();
        for (var i = 0; i < names.Length; i++)
        {
            var name = names[i];
            if (name.Length == 0)
            {
                // A trailing empty header cell is common in spreadsheet exports and carries no column.
                if (names.Skip(i).Any(n => n.Length > 0))
                {
                    errors.Add(header.Number, $"column {i + 1}", "The column has no name; give it one of the layout's column names or delete it.");
                }

                continue;
            }

            var column = layout.Columns.FirstOrDefault(c => c.Matches(name));
            if (column is null)
            {
                if (!IsIgnored(layout, name))
                {
                    errors.Add(header.Number, name, $"Unknown column '{name}'. The {layout.Title} layout has the columns {ListNames(layout)}.");
                }

                continue;
            }

            if (indexes.TryGetValue(column, out var first))
            {
                errors.Add(header.Number, name, $"The column '{name}' repeats the column '{names[first]}'; keep only one of them.");
                continue;
            }

            indexes[column] = i;
        }

        var missing = layout.Columns.Where(c => c.Required && !indexes.ContainsKey(c)).Select(c => c.Name).ToList();
        foreach (var name in missing)
        {
            errors.Add(header.Number, name, $"The required column '{name}' is missing. The {layout.Title} layout needs the columns {string.Join(", ", layout.Columns.Where(c => c.Required).Select(c => c.Name))}.");
        }

        foreach (var group in layout.RequiredOneOf)
        {
            if (!group.Any(indexes.ContainsKey))
            {
                var groupNames = string.Join(" or ", group.Select(c => c.Name));
                errors.Add(header.Number, group[0].Name, $"The file needs a {groupNames} column.");
            }
        }

        return new ColumnMap(indexes, names);
    }

    private static bool IsIgnored(ImportLayout layout, string name) =>
        layout.IgnoredColumns.Any(ignored => string.Equals(ignored, name, StringComparison.OrdinalIgnoreCase))
        || (layout.IgnoredPrefix is { } prefix && name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    private static string ListNames(ImportLayout layout) => string.Join(", ", layout.Columns.Select(c => c.Name));
}
