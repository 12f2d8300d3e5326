namespace AutoTracker.Domain;

/// <summary>Input that failed validation, with the messages keyed by field name (JSON property path).</summary>
public sealed class InputValidationException : Exception
{
    public InputValidationException(IReadOnlyDictionary<string, string[]> errors)
        : base("One or more fields are invalid.")
    {
        Errors = errors;
    }

    public InputValidationException(string field, string message)
        : this(new Dictionary<string, string[]> { [field] = [message] })
    {
    }

    public IReadOnlyDictionary<string, string[]> Errors { get; }
}
