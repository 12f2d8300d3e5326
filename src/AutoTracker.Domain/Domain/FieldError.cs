namespace AutoTracker.Domain;

/// <summary>A broken input rule: the input field at fault, such as <c>Lines[0].UnitCost</c>, and the message for it.</summary>
public sealed record FieldError(string Field, string Message);
