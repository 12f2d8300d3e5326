using Microsoft.EntityFrameworkCore;

namespace AutoTracker.EntityFrameworkCore;

/// <summary>
/// A save that broke a unique index, as the database provider reports it: SQLite names the table and columns,
/// other providers name the index.
/// </summary>
public sealed record UniqueIndexViolation(string? TableName, IReadOnlyList<string> ColumnNames, string? IndexName);

/// <summary>Recognizes a unique-index violation in a provider's exception, so that the unit of work does not depend on the provider.</summary>
public interface IUniqueViolationDetector
{
    /// <summary>Returns the violated index as far as the provider names it, or null when the save failed for another reason.</summary>
    UniqueIndexViolation? Detect(DbUpdateException exception);
}
