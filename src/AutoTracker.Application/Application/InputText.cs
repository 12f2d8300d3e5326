namespace AutoTracker.Application;

public static class InputText
{
    /// <summary>Returns the trimmed text, or null for null, empty or white-space input, so blank fields are stored as missing.</summary>
    public static string? TrimToNull(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
