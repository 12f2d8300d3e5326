namespace AutoTracker.Vehicles.Import;

internal enum FuellyRowKind
{
    Gas,
    Service,
    Invalid,
}

internal static class FuellyRowType
{
    /// <summary>Reads the Type cell of a Fuelly row, adding an error when it is neither Gas nor Service.</summary>
    public static FuellyRowKind Read(ImportCellReader cells)
    {
        var type = cells.Raw(FuellyLayout.Type);
        if (string.Equals(type, FuellyLayout.GasType, StringComparison.OrdinalIgnoreCase))
        {
            return FuellyRowKind.Gas;
        }

        if (string.Equals(type, FuellyLayout.ServiceType, StringComparison.OrdinalIgnoreCase))
        {
            return FuellyRowKind.Service;
        }

        cells.AddError(FuellyLayout.Type, type is null
            ? $"The Type is missing; write {FuellyLayout.GasType} or {FuellyLayout.ServiceType}."
            : $"'{type}' is not a Fuelly row type; write {FuellyLayout.GasType} or {FuellyLayout.ServiceType}.");
        return FuellyRowKind.Invalid;
    }

    /// <summary>Checks the Time cell, which is not stored, because a value of another kind shows that the row's columns are shifted.</summary>
    public static void CheckTime(ImportCellReader cells)
    {
        var time = cells.Raw(FuellyLayout.Time);
        string[] formats = ["H:mm", "h:mm tt"];
        if (time is not null && !TimeOnly.TryParseExact(time, formats, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _))
        {
            cells.AddError(FuellyLayout.Time, $"'{time}' is not a time such as 15:04 or 3:04 PM.");
        }
    }
}
