namespace AutoTracker.Application;

/// <summary>
/// Marks a string property that may contain line breaks and tabs, such as notes. The input validator rejects
/// tab, CR and LF in every other string property, and the remaining control characters in all of them.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MultiLineAttribute : Attribute;
