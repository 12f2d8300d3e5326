using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AutoTracker.EntityFrameworkCore.Sqlite;

/// <summary>
/// Reads SQLite's unique-constraint errors: result code 19 (SQLITE_CONSTRAINT) with the extended code 2067
/// (SQLITE_CONSTRAINT_UNIQUE) or 1555 (SQLITE_CONSTRAINT_PRIMARYKEY). SQLite names only the columns, in a
/// message such as "UNIQUE constraint failed: Vehicles.TenantId, Vehicles.Vin", or the index name for an index
/// on expressions ("UNIQUE constraint failed: index 'IX_Name'").
/// </summary>
public sealed partial class SqliteUniqueViolationDetector : IUniqueViolationDetector
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;

    public UniqueIndexViolation? Detect(DbUpdateException exception)
    {
        if (exception.InnerException is not SqliteException
            {
                SqliteErrorCode: SqliteConstraint,
                SqliteExtendedErrorCode: SqliteConstraintUnique or SqliteConstraintPrimaryKey,
            } sqlite)
        {
            return null;
        }

        var match = ConstraintMessage().Match(sqlite.Message);
        if (!match.Success)
        {
            return new UniqueIndexViolation(null, [], null);
        }

        if (match.Groups["index"].Success)
        {
            return new UniqueIndexViolation(null, [], match.Groups["index"].Value);
        }

        var qualified = match.Groups["columns"].Value.Split(", ");
        var tables = qualified.Select(c => c.Split('.')[0]).Distinct().ToList();
        var columns = qualified.Select(c => c[(c.IndexOf('.', StringComparison.Ordinal) + 1)..]).ToList();
        return new UniqueIndexViolation(tables.Count == 1 ? tables[0] : null, columns, null);
    }

    [GeneratedRegex(@"UNIQUE constraint failed: (?:index '(?<index>[^']+)'|(?<columns>[^']+?))'?\.?$")]
    private static partial Regex ConstraintMessage();
}
